package dev.incidentcommand.command;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.incidentcommand.command.CommandState.Presence;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.ParticipationRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskRepository;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads what the rules of command look at; owns the relief_suggestion table, what rule 6 remembers. */
@Repository
class CommandRepository {

    private final DatabaseClient db;
    private final IncidentRepository incidents;
    private final TaskRepository tasks;
    private final ParticipationRepository participations;
    private final ResponderRepository responders;
    private final PageRepository pages;

    CommandRepository(DatabaseClient db, IncidentRepository incidents, TaskRepository tasks,
                      ParticipationRepository participations, ResponderRepository responders, PageRepository pages) {
        this.pages = pages;
        this.db = db;
        this.incidents = incidents;
        this.tasks = tasks;
        this.participations = participations;
        this.responders = responders;
    }

    Mono<CommandState> load(long incidentId) {
        return Mono.zip(incidents.find(IncidentRef.of(incidentId)), tasks.findByIncidents(List.of(incidentId)),
                        participations.stints(incidentId), reliefSuggested(incidentId), pages.findByIncidents(List.of(incidentId)))
                .flatMap(parts -> responders.findByIds(Stream.concat(parts.getT2().stream().map(Task::assigneeId),
                                parts.getT5().stream().flatMap(page -> Stream.of(page.responderId(), page.pagedById()))).toList())
                        .map(people -> new CommandState(parts.getT1(), parts.getT2(), handles(people), parts.getT3(),
                                parts.getT4(), parts.getT5())));
    }

    private static Map<Long, String> handles(Map<Long, Responder> byId) {
        return byId.values().stream().collect(Collectors.toMap(Responder::id, Responder::handle));
    }

    private Mono<Set<String>> reliefSuggested(long incidentId) {
        return db.sql("SELECT responder_id, present_since FROM relief_suggestion WHERE incident_id = :incident")
                .bind("incident", incidentId)
                .map(row -> new Presence(row.get("responder_id", Long.class), null, row.get("present_since", Instant.class)).key())
                .all()
                .collect(HashSet::new, Set::add);
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
