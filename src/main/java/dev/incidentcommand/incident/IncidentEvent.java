package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.timeline.EventDetails;

/** What happens to the incident itself: declared, repeated, re-rated, moved along, reassessed. */
public sealed interface IncidentEvent extends EventDetails {

    /**
     * @param alertUrl where the alert that declared it can be seen, for incidents an alerting system declared
     * @param impact   the impact as stated at declaration, so the timeline alone tells the whole story;
     *                 null in declarations recorded before it was kept here
     */
    record IncidentDeclared(String title, Severity severity, IncidentSource source, String externalRef, String callUrl,
                            Instant detectedAt, String alertUrl, Impact impact) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " declared " + n.incident() + " (" + severity + "): " + title;
        }
    }

    record AlertRepeated(IncidentSource source, String externalRef, Severity reportedSeverity) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return "Alert " + externalRef + " fired again (reported as " + reportedSeverity + ")";
        }
    }

    /** The alerting system says the alert stopped firing. People decide whether the incident is over. */
    record AlertResolved(IncidentSource source, String externalRef) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return "Alert " + externalRef + " stopped firing; the incident stays open until someone resolves it";
        }
    }

    record SeverityChanged(Severity from, Severity to, String reason) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " " + (to.isWorseThan(from) ? "raised" : "lowered") + " severity from " + from + " to " + to
                    + ": " + reason;
        }
    }

    /**
     * @param monitoringUntil when the monitoring window ends, on a move to MONITORING
     * @param early           true when resolved before monitoring completed (with a reason)
     * @param openWork        on resolution with work still open (with a reason): that work, as it stood
     */
    record StatusChanged(IncidentStatus from, IncidentStatus to, String reason, Instant monitoringUntil, Boolean early,
                         List<String> openWork) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " moved " + n.incident() + " from " + from + " to " + to
                    + (monitoringUntil == null ? "" : " – monitoring until " + Times.readable(monitoringUntil))
                    + (Boolean.TRUE.equals(early) ? " – resolved before monitoring completed" : "")
                    + (openWork == null ? "" : " – with work still open: " + String.join("; ", openWork))
                    + (reason == null ? "" : ": " + reason);
        }
    }

    /** A correction of what was stated at declaration; {@code field} is title, callUrl or externalRef. */
    record IncidentEdited(String field, String from, String to) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " corrected the " + switch (field) {
                case "callUrl" -> "call link";
                case "externalRef" -> "external reference";
                default -> field;
            } + (from == null ? "" : " from \"" + from + "\"") + " to \"" + to + "\"";
        }
    }

    /** @param recurrence true when the problem came back, rather than someone reopening by hand */
    record IncidentReopened(IncidentStatus from, IncidentStatus to, String reason, Boolean recurrence)
            implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            if (Boolean.TRUE.equals(recurrence)) {
                return n.incident() + " recurred and was reopened (" + from + " → " + to + "): " + reason;
            }
            return n.actor() + " reopened " + n.incident() + " (" + from + " → " + to + ")" + (reason == null ? "" : ": " + reason);
        }
    }

    /** @param assignedBy who named the commander, when it was not part of the declaration */
    record CommanderAssigned(String commander, String assignedBy) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return commander + " is incident commander" + (assignedBy == null ? "" : " (assigned by " + assignedBy + ")");
        }
    }

    record ImpactUpdated(Impact from, Impact to) implements IncidentEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " updated the impact: " + to.describe();
        }
    }
}
