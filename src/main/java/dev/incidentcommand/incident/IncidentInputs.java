package dev.incidentcommand.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Impact.Answer;
import dev.incidentcommand.incident.Impact.Frequency;
import dev.incidentcommand.incident.Impact.ImpactScope;

/** The incident mutations' inputs, as the schema defines them, each checking itself. */
public final class IncidentInputs {

    private IncidentInputs() {
    }

    public record ImpactInput(String summary, Answer reproducible, Frequency frequency, Answer retriesSucceed,
                              ImpactScope scope, String affectedUsers) {

        ImpactInput check(Inputs inputs) {
            return new ImpactInput(inputs.optional("summary", summary, Inputs.REASON), reproducible, frequency,
                    retriesSucceed, scope, inputs.optional("affectedUsers", affectedUsers, Inputs.AFFECTED));
        }

        /** The assessment fields given; absent ones stay null. */
        Impact changes() {
            return new Impact(summary, reproducible, frequency, retriesSucceed, scope, affectedUsers);
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
            return impact == null ? Impact.UNKNOWN : Impact.UNKNOWN.merge(impact.changes());
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

    public record UpdateImpactInput(String incidentId, ImpactInput impact, String idempotencyKey)
            implements IncidentInput<UpdateImpactInput> {

        @Override
        public UpdateImpactInput check(Inputs inputs) {
            return new UpdateImpactInput(incidentId, impact.check(inputs), idempotencyKey);
        }
    }
}
