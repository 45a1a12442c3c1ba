package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.incidentcommand.command.CommandEvent.CommandHandedOver;
import dev.incidentcommand.command.CommandEvent.CommandTaken;
import dev.incidentcommand.command.CommandEvent.ResponderJoined;
import dev.incidentcommand.command.CommandEvent.ResponderLeft;
import dev.incidentcommand.command.CommandEvent.ResponderPaged;
import dev.incidentcommand.command.RosterInputs.AssignCommanderInput;
import dev.incidentcommand.command.RosterInputs.HandOverCommandInput;
import dev.incidentcommand.command.RosterInputs.JoinIncidentInput;
import dev.incidentcommand.command.RosterInputs.LeaveIncidentInput;
import dev.incidentcommand.command.RosterInputs.PageResponderInput;
import dev.incidentcommand.command.RosterInputs.TakeCommandInput;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.ChangeContext;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentChanges;
import dev.incidentcommand.incident.IncidentEvent.CommanderAssigned;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.IncidentRules;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Receipt;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.ParticipationRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.task.TaskRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Who is on an incident and who commands it: paging, joining, leaving, assigning, handing over and taking command. */
@Service
class RosterService {

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final ParticipationRepository participations;
    private final PageRepository pages;
    private final TaskRepository tasks;
    private final DisciplineProperties settings;

    RosterService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                  ParticipationRepository participations, PageRepository pages, TaskRepository tasks,
                  DisciplineProperties settings) {
        this.settings = settings;
        this.changes = changes;
        this.incidents = incidents;
        this.responders = responders;
        this.participations = participations;
        this.pages = pages;
        this.tasks = tasks;
    }

    Mono<Receipt> assignCommander(Mutation<AssignCommanderInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(input.commander()).flatMap(commander -> {
                    IncidentRules.requireActive(incident);
                    CommandChangesHands.checkAssignment(incident);
                    return tasks.openTasksOf(incident.id(), commander.id()).flatMap(held -> {
                        CommanderDoesNotMitigate.checkNewCommander(held, commander.handle(), "commander");
                        context.record(new CommanderAssigned(commander.handle(), context.actor().handle()));
                        return takeCommand(incident, commander, null, context.now());
                    });
                })));
    }

    Mono<Receipt> handOverCommand(Mutation<HandOverCommandInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(input.to()).flatMap(next -> {
                    IncidentRules.requireActive(incident);
                    CommandChangesHands.checkHandOver(incident, context.actor(), next);
                    return changeHands(incident, next, "to", input.notes(), context,
                            previous -> new CommandHandedOver(previous.handle(), next.handle(), input.notes()));
                })));
    }

    Mono<Receipt> takeCommand(Mutation<TakeCommandInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentRules.requireActive(incident);
            CommandChangesHands.checkTaking(incident, context.actor());
            return changeHands(incident, context.actor(), null, input.reason(), context,
                    previous -> new CommandTaken(previous.handle(), context.actor().handle(), input.reason()));
        }));
    }

    /**
     * Passes command from the current commander to {@code next}, who must hold no open mitigation
     * (rule 1). The previous commander stays on as a responder; the new stint keeps {@code notes}.
     */
    private Mono<Receipt> changeHands(Incident incident, Responder next, String field, String notes, ChangeContext context,
                                      Function<Responder, CommandEvent> event) {
        return tasks.openTasksOf(incident.id(), next.id())
                .doOnNext(held -> CommanderDoesNotMitigate.checkNewCommander(held, next.handle(), field))
                .then(responders.findByIds(List.of(incident.commanderId()))).flatMap(byId -> {
                    Responder previous = byId.get(incident.commanderId());
                    context.record(event.apply(previous));
                    return participations.end(incident.id(), previous.id(), ParticipantRole.COMMANDER, context.now())
                            .then(stayAsResponder(incident, previous, context.now()))
                            .then(takeCommand(incident, next, notes, context.now()));
                });
    }

    /** The new commander holds the COMMANDER role (joining if needed) and the incident names them. */
    private Mono<Receipt> takeCommand(Incident incident, Responder commander, String notes, Instant now) {
        return pages.answer(incident.id(), commander.id(), now)
                .then(participations.open(incident.id(), commander.id(), ParticipantRole.COMMANDER, now, notes))
                .then(incidents.save(incident.withCommander(commander.id(), now)))
                .thenReturn(Receipt.of(incident.id()));
    }

    /** A commander who hands over stays on the call as a responder unless they already hold another role. */
    private Mono<Void> stayAsResponder(Incident incident, Responder previous, Instant now) {
        return participations.currentRoles(incident.id(), previous.id())
                .flatMap(roles -> roles.isEmpty()
                        ? participations.open(incident.id(), previous.id(), ParticipantRole.RESPONDER, now).then()
                        : Mono.empty());
    }

    Mono<Receipt> pageResponder(Mutation<PageResponderInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(input.responder(), input.name()).flatMap(paged -> {
                    IncidentRules.requireActive(incident);
                    return participations.currentRoles(incident.id(), paged.id()).flatMap(roles -> {
                        if (!roles.isEmpty()) {
                            throw Refusal.onInput("responder", UserErrorCode.ALREADY_PARTICIPATING,
                                    paged.handle() + " is already on " + incident.key() + ".");
                        }
                        context.record(new ResponderPaged(paged.handle(), input.reason()));
                        return pages.insert(incident.id(), paged.id(), context.actor().id(), input.reason(), context.now(),
                                        context.now().plus(settings.pageAnswerWithin(incident.severity())))
                                .map(page -> Receipt.of(incident.id(), page.id()));
                    });
                })));
    }

    Mono<Receipt> joinIncident(Mutation<JoinIncidentInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(Objects.requireNonNullElse(input.responder(), mutation.actor())).flatMap(joining -> {
                    IncidentRules.requireActive(incident);
                    return participations.currentRoles(incident.id(), joining.id()).flatMap(roles -> {
                        if (roles.contains(input.role())) {
                            throw Refusal.onInput("role", UserErrorCode.ALREADY_PARTICIPATING,
                                    joining.handle() + " is already on " + incident.key() + " as " + input.role() + ".");
                        }
                        context.record(new ResponderJoined(joining.handle(), input.role()));
                        return pages.answer(incident.id(), joining.id(), context.now())
                                .then(participations.open(incident.id(), joining.id(), input.role(), context.now()))
                                .map(participation -> Receipt.of(incident.id(), participation.id()));
                    });
                })));
    }

    Mono<Receipt> leaveIncident(Mutation<LeaveIncidentInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(Objects.requireNonNullElse(input.responder(), mutation.actor())).flatMap(leaving -> {
                    CommandChangesHands.checkLeaving(incident, leaving);
                    return tasks.openTasksOf(incident.id(), leaving.id())
                            .doOnNext(held -> CommandChangesHands.checkLeavingWork(incident, leaving, held))
                            .then(participations.endAll(incident.id(), leaving.id(), context.now())).map(ended -> {
                        if (ended == 0) {
                            throw Refusal.onInput("responder", UserErrorCode.NOT_PARTICIPATING,
                                    leaving.handle() + " is not on " + incident.key() + ".");
                        }
                        context.record(new ResponderLeft(leaving.handle()));
                        return Receipt.of(incident.id());
                    });
                })));
    }
}
