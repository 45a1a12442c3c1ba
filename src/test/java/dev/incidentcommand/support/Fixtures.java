package dev.incidentcommand.support;

import java.time.Instant;

import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentSource;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;

/** Domain values for unit tests that need no database. */
public final class Fixtures {

    private Fixtures() {
    }

    /** INC-1, declared at {@code declaredAt} with its last check-in then, nobody in command. */
    public static Incident incident(Severity severity, IncidentStatus status, Instant declaredAt) {
        return new Incident(1, "INC-1",
                new Incident.Declaration("Checkout errors", IncidentSource.MANUAL, null, null, 1, null),
                new Incident.Standing(severity, status, Impact.UNKNOWN, null),
                new Incident.Milestones(declaredAt, declaredAt, null, null, null),
                new Incident.Watch(declaredAt, null, declaredAt, null, null, false, null),
                1, declaredAt);
    }

    public static Incident commandedBy(Incident incident, long commanderId) {
        return new Incident(incident.id(), incident.key(), incident.declaration(),
                new Incident.Standing(incident.severity(), incident.status(), incident.impact(), commanderId),
                incident.milestones(), incident.watch(), incident.lastSequence(), incident.updatedAt());
    }

    public static Incident atSequence(Incident incident, int sequence) {
        return new Incident(incident.id(), incident.key(), incident.declaration(), incident.standing(),
                incident.milestones(), incident.watch(), sequence, incident.updatedAt());
    }

    /** A task of INC-1, assigned to responder {@code assigneeId} at {@code assignedAt}. */
    public static Task task(long id, TaskKind kind, TaskStatus status, long assigneeId, Instant assignedAt) {
        return new Task(id, 1, kind, "Task " + id, assigneeId, status, 1, assignedAt, null, null, null, null, null, null,
                assignedAt, null, null, null);
    }

    public static Task due(Task task, Instant dueAt) {
        return new Task(task.id(), task.incidentId(), task.kind(), task.title(), task.assigneeId(), task.status(),
                task.createdById(), task.createdAt(), task.acknowledgedAt(), task.startedAt(), task.finishedAt(), dueAt,
                task.outcome(), task.resolution(), task.assignedAt(), task.overrideReason(), task.ackRemindedAt(),
                task.overdueReportedFor());
    }

    public static Task finished(Task task, Instant finishedAt, MitigationOutcome outcome) {
        return new Task(task.id(), task.incidentId(), task.kind(), task.title(), task.assigneeId(), TaskStatus.DONE,
                task.createdById(), task.createdAt(), task.acknowledgedAt(), task.startedAt(), finishedAt, task.dueAt(),
                outcome, task.resolution(), task.assignedAt(), task.overrideReason(), task.ackRemindedAt(),
                task.overdueReportedFor());
    }
}
