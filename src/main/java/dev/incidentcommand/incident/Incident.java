package dev.incidentcommand.incident;

import java.time.Instant;

/** An incident as stored. {@code id} is the row id; the API shows an opaque id and the {@code key}. */
public record Incident(
        long id,
        String key,
        String title,
        Severity severity,
        IncidentStatus status,
        IncidentSource source,
        String externalRef,
        Impact impact,
        String callUrl,
        Long commanderId,
        long declaredById,
        Instant detectedAt,
        Instant declaredAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant updatedAt,
        int lastSequence,
        Watch watch) {

    /**
     * What the rules of command keep an eye on: whether the incident is stalled, when it last had
     * a check-in (an internal update) and when one was last missed, the monitoring window, and
     * the next moment any rule needs to look again.
     */
    public record Watch(Instant stalledSince, Instant lastCheckInAt, Instant checkInMissedAt, Instant monitoringUntil,
                        boolean monitoringEnded, Instant nextDueAt) {

        public Watch checkedIn(Instant at) {
            return new Watch(stalledSince, at, null, monitoringUntil, monitoringEnded, nextDueAt);
        }

        public Watch monitoringUntil(Instant until) {
            return new Watch(stalledSince, lastCheckInAt, checkInMissedAt, until, false, nextDueAt);
        }
    }

    public boolean active() {
        return status != IncidentStatus.RESOLVED;
    }

    public Incident withWatch(Watch newWatch) {
        return new Incident(id, key, title, severity, status, source, externalRef, impact, callUrl, commanderId,
                declaredById, detectedAt, declaredAt, acknowledgedAt, mitigatedAt, resolvedAt, updatedAt, lastSequence,
                newWatch);
    }

    Incident withSeverity(Severity newSeverity) {
        return new Incident(id, key, title, newSeverity, status, source, externalRef, impact, callUrl, commanderId,
                declaredById, detectedAt, declaredAt, acknowledgedAt, mitigatedAt, resolvedAt, updatedAt, lastSequence, watch);
    }

    Incident withImpact(Impact newImpact) {
        return new Incident(id, key, title, severity, status, source, externalRef, newImpact, callUrl, commanderId,
                declaredById, detectedAt, declaredAt, acknowledgedAt, mitigatedAt, resolvedAt, updatedAt, lastSequence, watch);
    }

    public Incident withCommander(long responderId, Instant now) {
        return new Incident(id, key, title, severity, status, source, externalRef, impact, callUrl, responderId,
                declaredById, detectedAt, declaredAt, acknowledgedAt != null ? acknowledgedAt : now, mitigatedAt,
                resolvedAt, updatedAt, lastSequence, watch);
    }

    /** Moves to {@code next}, keeping the milestone timestamps true to the new status. */
    Incident withStatus(IncidentStatus next, Instant now) {
        Instant acknowledged = acknowledgedAt == null && next != IncidentStatus.DECLARED ? now : acknowledgedAt;
        Instant mitigated = switch (next) {
            case MONITORING -> status == IncidentStatus.RESOLVED || status == IncidentStatus.MONITORING ? mitigatedAt : now;
            case RESOLVED -> mitigatedAt != null ? mitigatedAt : now;
            default -> null;
        };
        Instant resolved = next == IncidentStatus.RESOLVED ? now : null;
        return new Incident(id, key, title, severity, next, source, externalRef, impact, callUrl, commanderId,
                declaredById, detectedAt, declaredAt, acknowledged, mitigated, resolved, updatedAt, lastSequence,
                next == IncidentStatus.MONITORING ? watch : watch.monitoringUntil(null));
    }
}
