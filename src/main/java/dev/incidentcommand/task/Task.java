package dev.incidentcommand.task;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

/**
 * A piece of incident work delegated to one responder, as stored.
 *
 * @param ackRemindedAt      when the rules of command last reminded the assignee to acknowledge it
 * @param overdueReportedFor the expected completion time an overdue reminder was recorded for
 */
public record Task(
        long id,
        long incidentId,
        TaskKind kind,
        String title,
        long assigneeId,
        TaskStatus status,
        long createdById,
        Instant createdAt,
        Instant acknowledgedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant dueAt,
        MitigationOutcome outcome,
        String resolution,
        Instant assignedAt,
        String overrideReason,
        Instant ackRemindedAt,
        Instant overdueReportedFor) implements Ids.Row {

    public boolean isMitigation() {
        return kind == TaskKind.MITIGATION;
    }

    public boolean open() {
        return status.isOpen();
    }

    public boolean overdue(Instant now) {
        return open() && dueAt != null && !now.isBefore(dueAt);
    }

    Task acknowledged(Instant now) {
        return new Task(id, incidentId, kind, title, assigneeId, TaskStatus.ACKNOWLEDGED, createdById, createdAt,
                now, startedAt, finishedAt, dueAt, outcome, resolution, assignedAt, overrideReason, ackRemindedAt,
                overdueReportedFor);
    }

    Task started(Instant now, Instant newDueAt, String override) {
        return new Task(id, incidentId, kind, title, assigneeId, TaskStatus.IN_PROGRESS, createdById, createdAt,
                acknowledgedAt != null ? acknowledgedAt : now, now, finishedAt, newDueAt != null ? newDueAt : dueAt,
                outcome, resolution, assignedAt, override, ackRemindedAt, overdueReportedFor);
    }

    Task finished(TaskStatus end, Instant now, MitigationOutcome result, String text) {
        return new Task(id, incidentId, kind, title, assigneeId, end, createdById, createdAt,
                acknowledgedAt, startedAt, now, dueAt, result, text, assignedAt, overrideReason, ackRemindedAt,
                overdueReportedFor);
    }

    Task rescheduled(Instant newDueAt) {
        return new Task(id, incidentId, kind, title, assigneeId, status, createdById, createdAt,
                acknowledgedAt, startedAt, finishedAt, newDueAt, outcome, resolution, assignedAt, overrideReason, ackRemindedAt,
                overdueReportedFor);
    }

    Task judged(MitigationOutcome result) {
        return new Task(id, incidentId, kind, title, assigneeId, status, createdById, createdAt,
                acknowledgedAt, startedAt, finishedAt, dueAt, result, resolution, assignedAt, overrideReason, ackRemindedAt,
                overdueReportedFor);
    }

    /** A new assignee starts from ASSIGNED: they must acknowledge it themselves. */
    Task reassigned(long newAssigneeId, Instant now) {
        return new Task(id, incidentId, kind, title, newAssigneeId, TaskStatus.ASSIGNED, createdById, createdAt,
                null, null, finishedAt, dueAt, outcome, resolution, now, overrideReason, null, overdueReportedFor);
    }
}
