package dev.incidentcommand.task;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The task table: the only code that maps or writes it. */
@Repository
public class TaskRepository {

    private final DatabaseClient db;

    TaskRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Task> insert(long incidentId, TaskKind kind, String title, long assigneeId, long createdById,
                      Instant now, Instant dueAt) {
        return db.sql("""
                        INSERT INTO task (incident_id, kind, title, assignee_id, status, created_by_id, created_at, due_at,
                                          assigned_at)
                        VALUES (:incident, :kind, :title, :assignee, 'ASSIGNED', :createdBy, :now, :dueAt, :now)
                        RETURNING *""")
                .bind("incident", incidentId)
                .bind("kind", kind.name())
                .bind("title", title)
                .bind("assignee", assigneeId)
                .bind("createdBy", createdById)
                .bind("now", now)
                .bind("dueAt", Parameter.fromOrEmpty(dueAt, Instant.class))
                .map(TaskRepository::map)
                .one();
    }

    Mono<Void> save(Task task) {
        return db.sql("""
                        UPDATE task SET assignee_id = :assignee, status = :status, acknowledged_at = :acknowledgedAt,
                               started_at = :startedAt, finished_at = :finishedAt, due_at = :dueAt,
                               outcome = :outcome, resolution = :resolution, assigned_at = :assignedAt,
                               override_reason = :overrideReason, ack_reminded_at = :ackRemindedAt,
                               overdue_reported_for = :overdueReportedFor
                        WHERE id = :id""")
                .bind("id", task.id())
                .bind("assignee", task.assigneeId())
                .bind("status", task.status().name())
                .bind("acknowledgedAt", Parameter.fromOrEmpty(task.acknowledgedAt(), Instant.class))
                .bind("startedAt", Parameter.fromOrEmpty(task.startedAt(), Instant.class))
                .bind("finishedAt", Parameter.fromOrEmpty(task.finishedAt(), Instant.class))
                .bind("dueAt", Parameter.fromOrEmpty(task.dueAt(), Instant.class))
                .bind("outcome", Parameter.fromOrEmpty(task.outcome() == null ? null : task.outcome().name(), String.class))
                .bind("resolution", Parameter.fromOrEmpty(task.resolution(), String.class))
                .bind("assignedAt", task.assignedAt())
                .bind("overrideReason", Parameter.fromOrEmpty(task.overrideReason(), String.class))
                .bind("ackRemindedAt", Parameter.fromOrEmpty(task.ackRemindedAt(), Instant.class))
                .bind("overdueReportedFor", Parameter.fromOrEmpty(task.overdueReportedFor(), Instant.class))
                .then();
    }

    /** What the rules of command remember of a task, so that each reminder is recorded once. */
    public record Reminders(Instant ackRemindedAt, Instant overdueReportedFor) {
    }

    /** Records the reminders the rules of command have given, by task id. */
    public Mono<Void> remember(Map<Long, Reminders> reminders) {
        return Flux.fromIterable(reminders.entrySet())
                .concatMap(entry -> db.sql("""
                                UPDATE task SET ack_reminded_at = :reminded, overdue_reported_for = :overdue WHERE id = :id""")
                        .bind("id", entry.getKey())
                        .bind("reminded", Parameter.fromOrEmpty(entry.getValue().ackRemindedAt(), Instant.class))
                        .bind("overdue", Parameter.fromOrEmpty(entry.getValue().overdueReportedFor(), Instant.class))
                        .then())
                .then();
    }

    Mono<Task> find(long id) {
        return db.sql("SELECT * FROM task WHERE id = :id").bind("id", id).map(TaskRepository::map).one();
    }

    Mono<Long> incidentIdOf(long taskId) {
        return db.sql("SELECT incident_id FROM task WHERE id = :id").bind("id", taskId)
                .map(row -> row.get("incident_id", Long.class)).one();
    }

    /** The open tasks of an incident assigned to a responder. */
    public Mono<List<Task>> openTasksOf(long incidentId, long assigneeId) {
        return db.sql("""
                        SELECT * FROM task WHERE incident_id = :incident AND assignee_id = :assignee
                        AND status IN ('ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS') ORDER BY id""")
                .bind("incident", incidentId)
                .bind("assignee", assigneeId)
                .map(TaskRepository::map)
                .all()
                .collectList();
    }

    /** The tasks of these incidents, oldest first. */
    public Mono<List<Task>> findByIncidents(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM task WHERE incident_id = ANY(:ids) ORDER BY id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(TaskRepository::map)
                .all()
                .collectList();
    }

    static Task map(Readable row) {
        String outcome = row.get("outcome", String.class);
        return new Task(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                TaskKind.valueOf(row.get("kind", String.class)),
                row.get("title", String.class),
                row.get("assignee_id", Long.class),
                TaskStatus.valueOf(row.get("status", String.class)),
                row.get("created_by_id", Long.class),
                row.get("created_at", Instant.class),
                row.get("acknowledged_at", Instant.class),
                row.get("started_at", Instant.class),
                row.get("finished_at", Instant.class),
                row.get("due_at", Instant.class),
                outcome == null ? null : MitigationOutcome.valueOf(outcome),
                row.get("resolution", String.class),
                row.get("assigned_at", Instant.class),
                row.get("override_reason", String.class),
                row.get("ack_reminded_at", Instant.class),
                row.get("overdue_reported_for", Instant.class));
    }
}
