package dev.incidentcommand.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Impact.Answer;
import dev.incidentcommand.incident.Impact.Frequency;
import dev.incidentcommand.incident.Impact.ImpactScope;
import org.springframework.graphql.data.ArgumentValue;

/** The incident mutations' inputs, as the schema defines them, each checking itself. */
public final class IncidentInputs {

    private IncidentInputs() {
    }

    /**
     * Changes to the impact assessment. A field left out keeps its value; a field given as null (or,
     * for text, blank) is cleared: text to none, an answer back to UNKNOWN.
     */
    public record ImpactInput(ArgumentValue<String> summary, ArgumentValue<Answer> reproducible,
                              ArgumentValue<Frequency> frequency, ArgumentValue<Answer> retriesSucceed,
                              ArgumentValue<ImpactScope> scope, ArgumentValue<String> affectedUsers) {

        ImpactInput check(Inputs inputs) {
            return new ImpactInput(text(inputs, "summary", summary, Inputs.REASON), given(reproducible), given(frequency),
                    given(retriesSucceed), given(scope), text(inputs, "affectedUsers", affectedUsers, Inputs.AFFECTED));
        }

        /** {@code current} with these changes applied. */
        Impact applyTo(Impact current) {
            return new Impact(
                    apply(summary, current.summary(), null),
                    apply(reproducible, current.reproducible(), Answer.UNKNOWN),
                    apply(frequency, current.frequency(), Frequency.UNKNOWN),
                    apply(retriesSucceed, current.retriesSucceed(), Answer.UNKNOWN),
                    apply(scope, current.scope(), ImpactScope.UNKNOWN),
                    apply(affectedUsers, current.affectedUsers(), null));
        }

        private static <T> T apply(ArgumentValue<T> change, T current, T cleared) {
            if (change.isOmitted()) {
                return current;
            }
            return change.isPresent() ? change.value() : cleared;
        }

        /** Binding leaves a field missing from a hand-built input null; it counts as omitted. */
        private static <T> ArgumentValue<T> given(ArgumentValue<T> value) {
            return value == null ? ArgumentValue.omitted() : value;
        }

        private static ArgumentValue<String> text(Inputs inputs, String field, ArgumentValue<String> value, int max) {
            ArgumentValue<String> known = given(value);
            return known.isOmitted() ? known : ArgumentValue.ofNullable(inputs.optional(field, known.value(), max));
        }
    }

    public record DeclareIncidentInput(String title, Severity severity, IncidentSource source, String externalRef,
                                       ImpactInput impact, String callUrl, Instant detectedAt, String commander,
                                       String idempotencyKey) implements MutationInput<DeclareIncidentInput> {

        @Override
        public DeclareIncidentInput check(Inputs inputs) {
            return new DeclareIncidentInput(inputs.required("title", title, Inputs.TITLE), severity,
                    Objects.requireNonNullElse(source, IncidentSource.MANUAL),
                    inputs.optional("externalRef", externalRef, Inputs.KEY),
                    impact == null ? null : impact.check(inputs),
                    // Response times are measured from detection; ten years back covers any real incident.
                    inputs.url("callUrl", callUrl), inputs.notBefore("detectedAt", detectedAt, Duration.ofDays(3650)),
                    commander == null ? null : inputs.handle("commander", commander), idempotencyKey);
        }

        Impact initialImpact() {
            return impact == null ? Impact.UNKNOWN : impact.applyTo(Impact.UNKNOWN);
        }
    }

    public record ChangeSeverityInput(String incidentId, Severity severity, String reason, String idempotencyKey)
            implements IncidentInput<ChangeSeverityInput> {

        @Override
        public ChangeSeverityInput check(Inputs inputs) {
            return new ChangeSeverityInput(incidentId, severity, inputs.required("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    public record ChangeStatusInput(String incidentId, IncidentStatus status, String reason, Integer monitoringWindowMinutes,
                                    String idempotencyKey) implements IncidentInput<ChangeStatusInput> {

        @Override
        public ChangeStatusInput check(Inputs inputs) {
            Integer minutes = monitoringWindowMinutes;
            inputs.require(minutes == null || (minutes >= 1 && minutes <= 1440), "monitoringWindowMinutes",
                    UserErrorCode.INVALID_VALUE, "'monitoringWindowMinutes' must be between 1 and 1440.");
            inputs.require(minutes == null || status == IncidentStatus.MONITORING, "monitoringWindowMinutes",
                    UserErrorCode.INVALID_VALUE, "'monitoringWindowMinutes' applies only when moving to MONITORING.");
            return new ChangeStatusInput(incidentId, status, inputs.optional("reason", reason, Inputs.REASON), minutes,
                    idempotencyKey);
        }
    }

    public record ReportRecurrenceInput(String incidentId, String description, String idempotencyKey)
            implements IncidentInput<ReportRecurrenceInput> {

        @Override
        public ReportRecurrenceInput check(Inputs inputs) {
            return new ReportRecurrenceInput(incidentId, inputs.required("description", description, Inputs.REASON),
                    idempotencyKey);
        }
    }

    /** Only the fields given change; none may be cleared, since each was stated at declaration. */
    public record EditIncidentInput(String incidentId, String title, String callUrl, String externalRef, String idempotencyKey)
            implements IncidentInput<EditIncidentInput> {

        @Override
        public EditIncidentInput check(Inputs inputs) {
            inputs.require(title != null || callUrl != null || externalRef != null, "incidentId", UserErrorCode.INVALID_VALUE,
                    "Give at least one of 'title', 'callUrl' or 'externalRef' to change.");
            return new EditIncidentInput(incidentId, title == null ? null : inputs.required("title", title, Inputs.TITLE),
                    callUrl == null ? null : requiredUrl(inputs, callUrl),
                    externalRef == null ? null : inputs.required("externalRef", externalRef, Inputs.KEY), idempotencyKey);
        }

        private static String requiredUrl(Inputs inputs, String url) {
            inputs.require(!url.isBlank(), "callUrl", UserErrorCode.BLANK, "'callUrl' must not be blank.");
            return inputs.url("callUrl", url);
        }
    }

    public record UpdateImpactInput(String incidentId, ImpactInput impact, String idempotencyKey)
            implements IncidentInput<UpdateImpactInput> {

        @Override
        public UpdateImpactInput check(Inputs inputs) {
            return new UpdateImpactInput(incidentId, impact.check(inputs), idempotencyKey);
        }
    }
}
