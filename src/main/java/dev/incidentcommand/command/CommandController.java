package dev.incidentcommand.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.Participation;
import dev.incidentcommand.people.ParticipationRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskRepository;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineEventKind;
import dev.incidentcommand.timeline.TimelineRepository;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rules of command as clients read them: stall and check-in state, the sitrep, metrics, postmortem. */
@Controller
class CommandController {

    private static final int POSTMORTEM_EVENTS = 10_000;

    private final TaskRepository tasks;
    private final ResponderRepository responders;
    private final TimelineRepository timeline;
    private final ParticipationRepository participations;
    private final DisciplineProperties settings;
    private final Clock clock;
    private final PageRepository pages;

    CommandController(TaskRepository tasks, ResponderRepository responders, TimelineRepository timeline,
                      ParticipationRepository participations, DisciplineProperties settings, Clock clock, PageRepository pages) {
        this.pages = pages;
        this.tasks = tasks;
        this.responders = responders;
        this.participations = participations;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    @SchemaMapping(typeName = "Incident")
    boolean stalled(Incident incident) {
        return incident.watch().stalledSince() != null;
    }

    @SchemaMapping(typeName = "Incident")
    Instant stalledSince(Incident incident) {
        return incident.watch().stalledSince();
    }

    @SchemaMapping(typeName = "Incident")
    Instant lastCheckInAt(Incident incident) {
        return incident.watch().lastCheckInAt();
    }

    @SchemaMapping(typeName = "Incident")
    Instant monitoringUntil(Incident incident) {
        return incident.status() == IncidentStatus.MONITORING ? incident.watch().monitoringUntil() : null;
    }

    @SchemaMapping(typeName = "Incident")
    Instant nextCheckInDue(Incident incident) {
        Duration cadence = settings.checkInCadence(incident.severity());
        return incident.active() && cadence != null ? RegularCheckIns.due(incident.watch(), cadence) : null;
    }

    @SchemaMapping(typeName = "Incident")
    boolean checkInOverdue(Incident incident) {
        Instant due = nextCheckInDue(incident);
        return due != null && !clock.instant().isBefore(due);
    }

    @SchemaMapping(typeName = "Incident")
    Mono<List<Participation>> commandHistory(Incident incident) {
        return participations.findByIncidents(List.of(incident.id()), true)
                .map(all -> all.stream().filter(p -> p.role() == ParticipantRole.COMMANDER).toList());
    }

    @BatchMapping(typeName = "Participation")
    Mono<Map<Participation, Boolean>> dueForRelief(List<Participation> list) {
        Instant now = clock.instant();
        List<Long> incidentIds = list.stream().map(Participation::incidentId).distinct().toList();
        return Flux.fromIterable(incidentIds)
                .concatMap(id -> participations.stints(id)
                        .map(stints -> Map.entry(id, CommandState.presences(stints))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(presencesByIncident -> {
                    Map<Participation, Boolean> due = new LinkedHashMap<>();
                    for (Participation participation : list) {
                        boolean flagged = participation.until() == null && presencesByIncident
                                .getOrDefault(participation.incidentId(), List.of()).stream()
                                .anyMatch(p -> p.responderId() == participation.responderId()
                                        && RotateForLongIncidents.dueForRelief(p.since(), now, settings.reliefAfter()));
                        due.put(participation, flagged);
                    }
                    return due;
                });
    }

    @SchemaMapping(typeName = "Incident")
    Mono<Sitrep> sitrep(Incident incident) {
        Instant now = clock.instant();
        List<Long> ids = List.of(incident.id());
        return Mono.zip(tasks.findByIncidents(ids), participations.findByIncidents(ids, false), pages.findByIncidents(ids))
                .flatMap(found -> responders.findByIds(Stream.of(
                                        found.getT1().stream().map(Task::assigneeId),
                                        found.getT2().stream().map(Participation::responderId),
                                        found.getT3().stream().map(Page::responderId),
                                        Stream.ofNullable(incident.commanderId()))
                                .flatMap(Function.identity()).toList())
                        .map(people -> Sitrep.of(new Sitrep.Facts(incident, found.getT1(), found.getT2(), found.getT3(),
                                people, nextCheckInDue(incident), now))));
    }

    @SchemaMapping(typeName = "Incident")
    Mono<IncidentMetrics> metrics(Incident incident) {
        return metricsOf(incident);
    }

    private Mono<IncidentMetrics> metricsOf(Incident incident) {
        return Mono.zip(tasks.findByIncidents(List.of(incident.id())),
                        timeline.count(incident.id(), List.of(TimelineEventKind.COMMAND_HANDED_OVER, TimelineEventKind.COMMAND_TAKEN,
                                TimelineEventKind.INCIDENT_REOPENED)))
                .map(found -> {
                    List<Task> mitigations = found.getT1().stream().filter(t -> t.kind() == TaskKind.MITIGATION).toList();
                    return new IncidentMetrics(
                            seconds(incident.detectedAt(), incident.acknowledgedAt()),
                            seconds(incident.detectedAt(), incident.mitigatedAt()),
                            seconds(incident.detectedAt(), incident.resolvedAt()),
                            (int) mitigations.stream().filter(t -> t.startedAt() != null).count(),
                            (int) mitigations.stream().filter(t -> t.outcome() == MitigationOutcome.EFFECTIVE).count(),
                            found.getT2().getOrDefault(TimelineEventKind.COMMAND_HANDED_OVER, 0L).intValue()
                                    + found.getT2().getOrDefault(TimelineEventKind.COMMAND_TAKEN, 0L).intValue(),
                            found.getT2().getOrDefault(TimelineEventKind.INCIDENT_REOPENED, 0L).intValue());
                });
    }

    @SchemaMapping(typeName = "Incident")
    Mono<String> postmortem(Incident incident) {
        return Mono.zip(metricsOf(incident),
                        timeline.range(incident.id(), 0, Integer.MAX_VALUE, POSTMORTEM_EVENTS),
                        tasks.findByIncidents(List.of(incident.id())),
                        participations.stints(incident.id()))
                .flatMap(found -> responders.findByIds(Stream.concat(
                                found.getT2().stream().map(TimelineEvent::actorId),
                                found.getT3().stream().map(Task::assigneeId)).toList())
                        .map(people -> {
                            Map<Long, String> handles = people.values().stream()
                                    .collect(Collectors.toMap(Responder::id, Responder::handle));
                            return Postmortem.markdown(incident, found.getT1(), found.getT2(), handles, found.getT3(),
                                    found.getT4());
                        }));
    }

    /** Whole seconds, within what the schema's Int can carry. */
    private static Long seconds(Instant from, Instant to) {
        return to == null ? null : Math.min(Integer.MAX_VALUE, Math.max(0, Duration.between(from, to).toSeconds()));
    }
}
