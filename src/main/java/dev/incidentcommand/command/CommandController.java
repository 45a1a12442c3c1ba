package dev.incidentcommand.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.responder.ParticipantRole;
import dev.incidentcommand.responder.Participation;
import dev.incidentcommand.responder.ParticipationRepository;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.responder.ResponderRepository;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskRepository;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.TimelineEvent;
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

    private final CommandRepository repository;
    private final TaskRepository tasks;
    private final ResponderRepository responders;
    private final TimelineRepository timeline;
    private final ParticipationRepository participations;
    private final DisciplineProperties settings;
    private final Clock clock;

    CommandController(CommandRepository repository, TaskRepository tasks, ResponderRepository responders,
                      TimelineRepository timeline, ParticipationRepository participations, DisciplineProperties settings,
                      Clock clock) {
        this.repository = repository;
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
        return incident.active() && cadence != null ? CommandRules.checkInDue(incident.watch(), cadence) : null;
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
    Mono<Map<Participation, Boolean>> dueForRelief(List<Participation> participations) {
        Instant now = clock.instant();
        List<Long> incidentIds = participations.stream().map(Participation::incidentId).distinct().toList();
        return Flux.fromIterable(incidentIds)
                .concatMap(id -> repository.stints(id)
                        .map(stints -> Map.entry(id, CommandState.presences(stints))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(presencesByIncident -> {
                    Map<Participation, Boolean> due = new LinkedHashMap<>();
                    for (Participation participation : participations) {
                        boolean flagged = participation.until() == null && presencesByIncident
                                .getOrDefault(participation.incidentId(), List.of()).stream()
                                .anyMatch(p -> p.responderId() == participation.responderId()
                                        && !now.isBefore(p.since().plus(settings.reliefAfter())));
                        due.put(participation, flagged);
                    }
                    return due;
                });
    }

    @SchemaMapping(typeName = "Incident")
    Mono<Sitrep> sitrep(Incident incident) {
        Instant now = clock.instant();
        Mono<Responder> commander = incident.commanderId() == null ? Mono.empty()
                : responders.findByIds(List.of(incident.commanderId())).mapNotNull(byId -> byId.get(incident.commanderId()));
        return Mono.zip(tasks.findByIncidents(List.of(incident.id())), commander.map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .flatMap(found -> {
                    List<Task> all = found.getT1();
                    List<Task> inProgress = all.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS
                            || t.status() == TaskStatus.ACKNOWLEDGED).toList();
                    List<Task> unacknowledged = all.stream().filter(t -> t.status() == TaskStatus.ASSIGNED).toList();
                    List<Task> overdue = all.stream().filter(t -> t.overdue(now)).toList();
                    Instant nextCheckIn = nextCheckInDue(incident);
                    boolean checkInOverdue = nextCheckIn != null && !now.isBefore(nextCheckIn);
                    return responders.findByIds(all.stream().map(Task::assigneeId).toList()).map(handles -> {
                        Responder ic = found.getT2().orElse(null);
                        String text = sitrepText(incident, ic, inProgress, unacknowledged, overdue, nextCheckIn,
                                checkInOverdue, handles, now);
                        return new Sitrep(incident.severity(), incident.status(), incident.impact(), ic, inProgress,
                                unacknowledged, overdue, incident.watch().stalledSince() != null, nextCheckIn,
                                checkInOverdue, text);
                    });
                });
    }

    @SchemaMapping(typeName = "Incident")
    Mono<IncidentMetrics> metrics(Incident incident) {
        return metricsOf(incident);
    }

    private Mono<IncidentMetrics> metricsOf(Incident incident) {
        return Mono.zip(tasks.findByIncidents(List.of(incident.id())),
                        repository.countEvents(incident.id(), List.of("COMMAND_HANDED_OVER", "INCIDENT_REOPENED")))
                .map(found -> {
                    List<Task> mitigations = found.getT1().stream().filter(t -> t.kind() == TaskKind.MITIGATION).toList();
                    return new IncidentMetrics(
                            seconds(incident.detectedAt(), incident.acknowledgedAt()),
                            seconds(incident.detectedAt(), incident.mitigatedAt()),
                            seconds(incident.detectedAt(), incident.resolvedAt()),
                            (int) mitigations.stream().filter(t -> t.startedAt() != null).count(),
                            (int) mitigations.stream().filter(t -> t.outcome() == MitigationOutcome.EFFECTIVE).count(),
                            found.getT2().getOrDefault("COMMAND_HANDED_OVER", 0L).intValue(),
                            found.getT2().getOrDefault("INCIDENT_REOPENED", 0L).intValue());
                });
    }

    @SchemaMapping(typeName = "Incident")
    Mono<String> postmortem(Incident incident) {
        return Mono.zip(metricsOf(incident),
                        timeline.range(incident.id(), 0, Integer.MAX_VALUE, POSTMORTEM_EVENTS),
                        repository.tasks(incident.id()),
                        repository.stints(incident.id()))
                .flatMap(found -> responders.findByIds(found.getT2().stream().map(TimelineEvent::actorId).toList())
                        .map(actors -> {
                            Map<Long, String> handles = actors.values().stream()
                                    .collect(Collectors.toMap(Responder::id, Responder::handle));
                            return Postmortem.markdown(incident, found.getT1(), found.getT2(), handles, found.getT3(),
                                    found.getT4());
                        }));
    }

    private static Long seconds(Instant from, Instant to) {
        return to == null ? null : Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static String sitrepText(Incident incident, Responder commander, List<Task> inProgress, List<Task> unacknowledged,
                                     List<Task> overdue, Instant nextCheckIn, boolean checkInOverdue,
                                     Map<Long, Responder> people, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(incident.key()).append(" – ").append(incident.severity()).append(", ").append(incident.status())
                .append(". Commander: ").append(commander == null ? "none yet" : commander.handle()).append(".\n");
        text.append("Impact: ").append(incident.impact().summary() == null ? "not stated yet" : incident.impact().summary())
                .append(" (scope ").append(incident.impact().scope())
                .append(incident.impact().affectedUsers() == null ? "" : ": " + incident.impact().affectedUsers())
                .append(").\n");
        text.append("In progress: ").append(inProgress.isEmpty() ? "nothing" : inProgress.stream()
                .map(t -> "\"" + t.title() + "\" – " + people.get(t.assigneeId()).handle()
                        + (t.dueAt() == null ? "" : ", expected by " + Times.readable(t.dueAt()) + (t.overdue(now) ? " (OVERDUE)" : "")))
                .collect(Collectors.joining("; "))).append(".\n");
        if (!unacknowledged.isEmpty()) {
            text.append("Not yet acknowledged: ").append(unacknowledged.stream()
                    .map(t -> "\"" + t.title() + "\" – " + people.get(t.assigneeId()).handle())
                    .collect(Collectors.joining("; "))).append(".\n");
        }
        if (!overdue.isEmpty()) {
            text.append("Overdue: ").append(overdue.size()).append(" task(s).\n");
        }
        if (incident.watch().stalledSince() != null) {
            text.append("STALLED since ").append(Times.readable(incident.watch().stalledSince())).append(": nobody is working on it.\n");
        }
        if (nextCheckIn != null) {
            text.append(checkInOverdue ? "Check-in OVERDUE since " : "Next check-in due ").append(Times.readable(nextCheckIn)).append(".\n");
        }
        return text.toString();
    }
}
