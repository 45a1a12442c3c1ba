package dev.incidentcommand.incident;

import java.time.Instant;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Impact.Answer;
import dev.incidentcommand.incident.Impact.Frequency;
import dev.incidentcommand.incident.Impact.ImpactScope;

/** The incident mutations' inputs, as the schema defines them. */
public final class IncidentInputs {

    private IncidentInputs() {
    }

    public record ImpactInput(String summary, Answer reproducible, Frequency frequency, Answer retriesSucceed,
                              ImpactScope scope, String affectedUsers) {

        /** The assessment fields given, checked; absent ones stay null. */
        Impact check(Inputs inputs) {
            return new Impact(
                    inputs.optional("summary", summary, Inputs.REASON),
                    reproducible, frequency, retriesSucceed, scope,
                    inputs.optional("affectedUsers", affectedUsers, Inputs.AFFECTED));
        }
    }

    public record DeclareIncidentInput(String title, Severity severity, IncidentSource source, String externalRef,
                                       ImpactInput impact, String callUrl, Instant detectedAt, String commander,
                                       String idempotencyKey) {
    }

    public record ChangeSeverityInput(String incidentId, Severity severity, String reason, String idempotencyKey) {
    }

    public record ChangeStatusInput(String incidentId, IncidentStatus status, String reason, Integer monitoringWindowMinutes,
                                    String idempotencyKey) {
    }

    public record ReportRecurrenceInput(String incidentId, String description, String idempotencyKey) {
    }

    public record UpdateImpactInput(String incidentId, ImpactInput impact, String idempotencyKey) {
    }

    /** The incident an input names, or a refusal saying there is none. */
    public static IncidentRef incidentRef(String incidentId) {
        return IncidentRef.parse(incidentId).orElseThrow(() -> Refusal.onInput("incidentId",
                UserErrorCode.INCIDENT_NOT_FOUND, "'" + incidentId + "' is neither an incident id nor a key like INC-42."));
    }
}
