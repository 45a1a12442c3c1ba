package dev.incidentcommand.command;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentcommand.command.CommandRules.TaskMarks;
import dev.incidentcommand.command.CommandState.Presence;
import dev.incidentcommand.command.CommandState.Stint;
import dev.incidentcommand.command.CommandState.TaskView;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.responder.ParticipantRole;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads what the rules of command look at, and writes what they must remember. */
@Repository
class CommandRepository {

    private final DatabaseClient db;

    CommandRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<CommandState> load(Incident incident) {
        return Mono.zip(tasks(incident.id()), stints(incident.id()), reliefSuggested(incident.id()))
                .map(parts -> new CommandState(incident, parts.getT1(), parts.getT2(), parts.getT3()));
    }

    Mono<List<TaskView>> tasks(long incidentId) {
        return db.sql("""
                        SELECT t.*, r.handle AS assignee_handle FROM task t JOIN responder r ON r.id = t.assignee_id
                        WHERE t.incident_id = :incident ORDER BY t.id""")
                .bind("incident", incidentId)
                .map(row -> {
                    String outcome = row.get("outcome", String.class);
                    return new TaskView(
                            row.get("id", Long.class),
                            TaskKind.valueOf(row.get("kind", String.class)),
                            row.get("title", String.class),
                            TaskStatus.valueOf(row.get("status", String.class)),
                            row.get("assignee_id", Long.class),
                            row.get("assignee_handle", String.class),
                            row.get("assigned_at", Instant.class),
                            row.get("ack_reminded_at", Instant.class),
                            row.get("due_at", Instant.class),
                            row.get("overdue_reported_for", Instant.class),
                            row.get("started_at", Instant.class),
                            row.get("finished_at", Instant.class),
                            outcome == null ? null : MitigationOutcome.valueOf(outcome));
                })
                .all()
                .collectList();
    }

    Mono<List<Stint>> stints(long incidentId) {
        return db.sql("""
                        SELECT p.*, r.handle FROM participation p JOIN responder r ON r.id = p.responder_id
                        WHERE p.incident_id = :incident ORDER BY p.since, p.id""")
                .bind("incident", incidentId)
                .map(row -> new Stint(
                        row.get("responder_id", Long.class),
                        row.get("handle", String.class),
                        ParticipantRole.valueOf(row.get("role", String.class)),
                        row.get("since", Instant.class),
                        row.get("until", Instant.class)))
                .all()
                .collectList();
    }

    private Mono<Set<String>> reliefSuggested(long incidentId) {
        return db.sql("SELECT responder_id, present_since FROM relief_suggestion WHERE incident_id = :incident")
                .bind("incident", incidentId)
                .map(row -> row.get("responder_id", Long.class) + "@" + row.get("present_since", Instant.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    /** How many events of each of the given kinds the incident's timeline holds. */
    Mono<Map<String, Long>> countEvents(long incidentId, List<String> kinds) {
        return db.sql("""
                        SELECT kind, count(*) AS n FROM timeline_event
                        WHERE incident_id = :incident AND kind = ANY(:kinds) GROUP BY kind""")
                .bind("incident", incidentId)
                .bind("kinds", kinds.toArray(String[]::new))
                .map(row -> Map.entry(row.get("kind", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Void> markTasks(Map<Long, TaskMarks> marks) {
        return Flux.fromIterable(marks.entrySet())
                .concatMap(entry -> db.sql("""
                                UPDATE task SET ack_reminded_at = :reminded, overdue_reported_for = :overdue WHERE id = :id""")
                        .bind("id", entry.getKey())
                        .bind("reminded", Parameter.fromOrEmpty(entry.getValue().ackRemindedAt(), Instant.class))
                        .bind("overdue", Parameter.fromOrEmpty(entry.getValue().overdueReportedFor(), Instant.class))
                        .then())
                .then();
    }

    Mono<Void> rememberRelief(long incidentId, List<Presence> presences, Instant at) {
        return Flux.fromIterable(presences)
                .concatMap(presence -> db.sql("""
                                INSERT INTO relief_suggestion (incident_id, responder_id, present_since, suggested_at)
                                VALUES (:incident, :responder, :since, :at) ON CONFLICT DO NOTHING""")
                        .bind("incident", incidentId)
                        .bind("responder", presence.responderId())
                        .bind("since", presence.since())
                        .bind("at", at)
                        .then())
                .then();
    }
}
