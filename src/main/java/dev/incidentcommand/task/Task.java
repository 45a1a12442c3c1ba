package dev.incidentcommand.task;

import java.time.Instant;

/** A piece of incident work delegated to one responder. */
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
        String resolution) {

    Task acknowledged(Instant now) {
        return new Task(id, incidentId, kind, title, assigneeId, TaskStatus.ACKNOWLEDGED, createdById, createdAt,
                now, startedAt, finishedAt, dueAt, outcome, resolution);
    }

    Task started(Instant now, Instant newDueAt) {
        return new Task(id, incidentId, kind, title, assigneeId, TaskStatus.IN_PROGRESS, createdById, createdAt,
                acknowledgedAt != null ? acknowledgedAt : now, now, finishedAt, newDueAt != null ? newDueAt : dueAt,
                outcome, resolution);
    }

    Task finished(TaskStatus end, Instant now, MitigationOutcome result, String text) {
        return new Task(id, incidentId, kind, title, assigneeId, end, createdById, createdAt,
                acknowledgedAt, startedAt, now, dueAt, result, text);
    }

    /** A new assignee starts from ASSIGNED: they must acknowledge it themselves. */
    Task reassigned(long newAssigneeId) {
        return new Task(id, incidentId, kind, title, newAssigneeId, TaskStatus.ASSIGNED, createdById, createdAt,
                null, null, finishedAt, dueAt, outcome, resolution);
    }
}
