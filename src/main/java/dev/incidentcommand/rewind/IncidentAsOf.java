package dev.incidentcommand.rewind;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.TimelineEvent;

/**
 * An incident as it stood right after {@code event}, rebuilt from its timeline. People are named
 * by handle, as the events name them.
 *
 * @param commanderHandle null while nobody commands
 * @param participants    the roles held at that moment, in the order they were taken
 * @param unansweredPages pages sent and not yet answered by joining or taking command, oldest first
 */
public record IncidentAsOf(TimelineEvent event, String title, Severity severity, IncidentStatus status, String callUrl,
                           String externalRef, String commanderHandle, Impact impact, boolean stalled,
                           List<TaskAsOf> tasks, List<ParticipantAsOf> participants, List<PageAsOf> unansweredPages) {

    public int sequence() {
        return event.sequence();
    }

    public Instant at() {
        return event.at();
    }

    public boolean active() {
        return status != IncidentStatus.RESOLVED;
    }

    /** A task as it stood; {@code id} is the task's API id, as the events carry it. */
    public record TaskAsOf(String id, TaskKind kind, String title, String assigneeHandle, TaskStatus status, Instant dueAt,
                           MitigationOutcome outcome, String resolution) {
    }

    public record ParticipantAsOf(String responderHandle, ParticipantRole role, Instant since) {
    }

    public record PageAsOf(String responderHandle, Instant pagedAt, String reason) {
    }
}
