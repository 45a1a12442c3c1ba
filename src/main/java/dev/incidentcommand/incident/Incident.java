package dev.incidentcommand.incident;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

/**
 * An incident as stored. {@code id} is the row id; the API shows an opaque id and the {@code key}.
 * Its parts change for different reasons: what was said at declaration, where the response
 * stands, the milestones reached, and what the rules of command are watching.
 *
 * @param lastSequence the sequence of the newest timeline event
 * @param updatedAt    when that event was appended: the last change of any kind
 */
public record Incident(long id, String key, Declaration declaration, Standing standing, Milestones milestones,
                       Watch watch, int lastSequence, Instant updatedAt) implements Ids.Row {

    /**
     * What was stated when the incident was declared.
     *
     * @param alertUrl where the alert that declared it can be seen, when an alerting system did
     */
    public record Declaration(String title, IncidentSource source, String externalRef, String callUrl, long declaredById,
                              String alertUrl) {
    }

    /** Where the response stands: how bad, how far along, what is known of the impact, who commands. */
    public record Standing(Severity severity, IncidentStatus status, Impact impact, Long commanderId) {
    }

    /** When the incident was detected, declared, acknowledged, mitigated and resolved (null until then). */
    public record Milestones(Instant detectedAt, Instant declaredAt, Instant acknowledgedAt, Instant mitigatedAt,
                             Instant resolvedAt) {
    }

    /**
     * What the rules of command keep an eye on: since when nobody has been working on the incident
     * and whether that has become a stall, when it last had a check-in (an internal update) and
     * when one was last missed, the monitoring window, and the next moment any rule needs to look again.
     */
    public record Watch(Instant idleSince, Instant stalledSince, Instant lastCheckInAt, Instant checkInMissedAt,
                        Instant monitoringUntil, boolean monitoringEnded, Instant nextDueAt) {

        public Watch checkedIn(Instant at) {
            return new Watch(idleSince, stalledSince, at, null, monitoringUntil, monitoringEnded, nextDueAt);
        }

        public Watch monitoringUntil(Instant until) {
            return new Watch(idleSince, stalledSince, lastCheckInAt, checkInMissedAt, until, false, nextDueAt);
        }

        public Watch idle(Instant since, Instant stalled) {
            return new Watch(since, stalled, lastCheckInAt, checkInMissedAt, monitoringUntil, monitoringEnded, nextDueAt);
        }

        public Watch checkInMissed(Instant at) {
            return new Watch(idleSince, stalledSince, lastCheckInAt, at, monitoringUntil, monitoringEnded, nextDueAt);
        }

        public Watch windowEnded() {
            return new Watch(idleSince, stalledSince, lastCheckInAt, checkInMissedAt, monitoringUntil, true, nextDueAt);
        }

        public Watch dueAgainAt(Instant next) {
            return new Watch(idleSince, stalledSince, lastCheckInAt, checkInMissedAt, monitoringUntil, monitoringEnded, next);
        }
    }

    public String title() {
        return declaration.title();
    }

    public IncidentSource source() {
        return declaration.source();
    }

    public String externalRef() {
        return declaration.externalRef();
    }

    public String callUrl() {
        return declaration.callUrl();
    }

    public String alertUrl() {
        return declaration.alertUrl();
    }

    public long declaredById() {
        return declaration.declaredById();
    }

    public Severity severity() {
        return standing.severity();
    }

    public IncidentStatus status() {
        return standing.status();
    }

    public Impact impact() {
        return standing.impact();
    }

    public Long commanderId() {
        return standing.commanderId();
    }

    public Instant detectedAt() {
        return milestones.detectedAt();
    }

    public Instant declaredAt() {
        return milestones.declaredAt();
    }

    public Instant acknowledgedAt() {
        return milestones.acknowledgedAt();
    }

    public Instant mitigatedAt() {
        return milestones.mitigatedAt();
    }

    public Instant resolvedAt() {
        return milestones.resolvedAt();
    }

    public boolean active() {
        return status() != IncidentStatus.RESOLVED;
    }

    public boolean isCommander(long responderId) {
        return commanderId() != null && commanderId() == responderId;
    }

    public Incident withWatch(Watch newWatch) {
        return new Incident(id, key, declaration, standing, milestones, newWatch, lastSequence, updatedAt);
    }

    Incident withDeclaration(Declaration corrected) {
        return new Incident(id, key, corrected, standing, milestones, watch, lastSequence, updatedAt);
    }

    Incident withSeverity(Severity severity) {
        return with(new Standing(severity, status(), impact(), commanderId()), milestones, watch);
    }

    Incident withImpact(Impact impact) {
        return with(new Standing(severity(), status(), impact, commanderId()), milestones, watch);
    }

    /** A commander acknowledges the incident, if nobody had yet. */
    public Incident withCommander(long responderId, Instant now) {
        return with(new Standing(severity(), status(), impact(), responderId), acknowledged(now), watch);
    }

    /** Moves to {@code next}, keeping the milestones true to the new status. */
    Incident withStatus(IncidentStatus next, Instant now) {
        Instant acknowledged = acknowledgedAt() == null && next != IncidentStatus.DECLARED ? now : acknowledgedAt();
        Instant mitigated = switch (next) {
            case MONITORING -> status() == IncidentStatus.RESOLVED || status() == IncidentStatus.MONITORING ? mitigatedAt() : now;
            case RESOLVED -> mitigatedAt() != null ? mitigatedAt() : now;
            default -> null;
        };
        Instant resolved = next == IncidentStatus.RESOLVED ? now : null;
        return with(new Standing(severity(), next, impact(), commanderId()),
                new Milestones(detectedAt(), declaredAt(), acknowledged, mitigated, resolved),
                next == IncidentStatus.MONITORING ? watch : watch.monitoringUntil(null));
    }

    private Milestones acknowledged(Instant now) {
        return acknowledgedAt() != null ? milestones
                : new Milestones(detectedAt(), declaredAt(), now, mitigatedAt(), resolvedAt());
    }

    private Incident with(Standing newStanding, Milestones newMilestones, Watch newWatch) {
        return new Incident(id, key, declaration, newStanding, newMilestones, newWatch, lastSequence, updatedAt);
    }
}
