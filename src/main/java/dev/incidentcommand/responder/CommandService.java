package dev.incidentcommand.responder;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.change.MutationRequest;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentInputs;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.IncidentRules;
import dev.incidentcommand.task.MitigationRules;
import dev.incidentcommand.task.TaskRepository;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.change.ChangeContext.details;

/** Who is on an incident and who commands it: paging, joining, leaving, assigning and handing over command. */
@Service
class CommandService {

    record AssignCommanderInput(String incidentId, String commander, String idempotencyKey) {
    }

    record HandOverCommandInput(String incidentId, String to, String notes, String idempotencyKey) {
    }

    record PageResponderInput(String incidentId, String responder, String name, String reason, String idempotencyKey) {
    }

    record JoinIncidentInput(String incidentId, String responder, ParticipantRole role, String idempotencyKey) {
    }

    record LeaveIncidentInput(String incidentId, String responder, String idempotencyKey) {
    }

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final ParticipationRepository participations;
    private final PageRepository pages;
    private final TaskRepository tasks;

    CommandService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                   ParticipationRepository participations, PageRepository pages, TaskRepository tasks) {
        this.changes = changes;
        this.incidents = incidents;
        this.responders = responders;
        this.participations = participations;
        this.pages = pages;
        this.tasks = tasks;
    }

    Mono<Receipt> assignCommander(AssignCommanderInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String handle = check.handle("commander", input.commander());
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(handle).flatMap(commander ->
                    changes.change(MutationRequest.of("assignCommander", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        IncidentRules.requireActive(incident);
                        if (incident.commanderId() != null) {
                            throw new Refusal(UserErrorCode.COMMANDER_ALREADY_ASSIGNED,
                                    incident.key() + " already has a commander; use handOverCommand to pass command on.");
                        }
                        return tasks.openMitigationsOf(incident.id(), commander.id()).flatMap(held -> {
                            MitigationRules.requireNoMitigationsHeld(held, commander.handle(), "commander");
                            context.record(TimelineEventKind.COMMANDER_ASSIGNED,
                                    commander.handle() + " is incident commander (assigned by " + context.actor().handle() + ")",
                                    details("commander", commander.handle()));
                            return takeCommand(incident, commander, context.now());
                        });
                    }));
        });
    }

    Mono<Receipt> handOverCommand(HandOverCommandInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String handle = check.handle("to", input.to());
            String notes = check.optional("notes", input.notes(), Inputs.BODY);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(handle).flatMap(next ->
                    changes.change(MutationRequest.of("handOverCommand", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        IncidentRules.requireActive(incident);
                        if (incident.commanderId() == null) {
                            throw new Refusal(UserErrorCode.NO_COMMANDER,
                                    incident.key() + " has no commander to hand over from; use assignCommander.");
                        }
                        if (incident.commanderId() == next.id()) {
                            throw Refusal.onInput("to", UserErrorCode.NO_CHANGE, next.handle() + " already commands " + incident.key() + ".");
                        }
                        return tasks.openMitigationsOf(incident.id(), next.id())
                                .doOnNext(held -> MitigationRules.requireNoMitigationsHeld(held, next.handle(), "to"))
                                .then(responders.findByIds(List.of(incident.commanderId()))).flatMap(byId -> {
                            Responder previous = byId.get(incident.commanderId());
                            context.record(TimelineEventKind.COMMAND_HANDED_OVER,
                                    previous.handle() + " handed command to " + next.handle() + (notes == null ? "" : ": " + notes),
                                    details("from", previous.handle(), "to", next.handle(), "notes", notes));
                            return participations.end(incident.id(), previous.id(), ParticipantRole.COMMANDER, context.now())
                                    .then(stayAsResponder(incident, previous, context.now()))
                                    .then(takeCommand(incident, next, context.now()));
                        });
                    }));
        });
    }

    /** The new commander holds the COMMANDER role (joining if needed) and the incident names them. */
    private Mono<Receipt> takeCommand(Incident incident, Responder commander, Instant now) {
        return pages.answer(incident.id(), commander.id(), now)
                .then(participations.open(incident.id(), commander.id(), ParticipantRole.COMMANDER, now))
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

    Mono<Receipt> pageResponder(PageResponderInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String handle = check.handle("responder", input.responder());
            String name = check.optional("name", input.name(), Inputs.NAME);
            String reason = check.optional("reason", input.reason(), Inputs.REASON);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(handle, name).flatMap(paged ->
                    changes.change(MutationRequest.of("pageResponder", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        IncidentRules.requireActive(incident);
                        return participations.currentRoles(incident.id(), paged.id()).flatMap(roles -> {
                            if (!roles.isEmpty()) {
                                throw Refusal.onInput("responder", UserErrorCode.ALREADY_PARTICIPATING,
                                        paged.handle() + " is already on " + incident.key() + ".");
                            }
                            context.record(TimelineEventKind.RESPONDER_PAGED,
                                    context.actor().handle() + " paged " + paged.handle() + (reason == null ? "" : ": " + reason),
                                    details("responder", paged.handle(), "reason", reason));
                            return pages.insert(incident.id(), paged.id(), context.actor().id(), reason, context.now())
                                    .map(page -> Receipt.of(incident.id(), page.id()));
                        });
                    }));
        });
    }

    Mono<Receipt> joinIncident(JoinIncidentInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String handle = input.responder() == null ? actor : check.handle("responder", input.responder());
            ParticipantRole role = input.role() == null ? ParticipantRole.RESPONDER : input.role();
            check.require(role != ParticipantRole.COMMANDER, "role", UserErrorCode.INVALID_VALUE,
                    "Command is taken with assignCommander or handOverCommand, not by joining.");
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(handle).flatMap(joining ->
                    changes.change(MutationRequest.of("joinIncident", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        IncidentRules.requireActive(incident);
                        return participations.currentRoles(incident.id(), joining.id()).flatMap(roles -> {
                            if (roles.contains(role)) {
                                throw Refusal.onInput("role", UserErrorCode.ALREADY_PARTICIPATING,
                                        joining.handle() + " is already on " + incident.key() + " as " + role + ".");
                            }
                            context.record(TimelineEventKind.RESPONDER_JOINED,
                                    joining.handle() + " joined as " + role,
                                    details("responder", joining.handle(), "role", role));
                            return pages.answer(incident.id(), joining.id(), context.now())
                                    .then(participations.open(incident.id(), joining.id(), role, context.now()))
                                    .map(participation -> Receipt.of(incident.id(), participation.id()));
                        });
                    }));
        });
    }

    Mono<Receipt> leaveIncident(LeaveIncidentInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String handle = input.responder() == null ? actor : check.handle("responder", input.responder());
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(handle).flatMap(leaving ->
                    changes.change(MutationRequest.of("leaveIncident", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        if (incident.commanderId() != null && incident.commanderId() == leaving.id()) {
                            throw new Refusal(UserErrorCode.COMMANDER_CANNOT_LEAVE,
                                    leaving.handle() + " commands " + incident.key() + "; hand over command before leaving.");
                        }
                        return participations.endAll(incident.id(), leaving.id(), context.now()).map(ended -> {
                            if (ended == 0) {
                                throw Refusal.onInput("responder", UserErrorCode.NOT_PARTICIPATING,
                                        leaving.handle() + " is not on " + incident.key() + ".");
                            }
                            context.record(TimelineEventKind.RESPONDER_LEFT, leaving.handle() + " left the incident",
                                    details("responder", leaving.handle()));
                            return Receipt.of(incident.id());
                        });
                    }));
        });
    }
}
