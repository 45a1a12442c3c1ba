package dev.incidentcommand.responder;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.change.Payloads;
import dev.incidentcommand.common.Actor;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.incident.ByIncident;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentPayload;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.responder.CommandService.AssignCommanderInput;
import dev.incidentcommand.responder.CommandService.HandOverCommandInput;
import dev.incidentcommand.responder.CommandService.JoinIncidentInput;
import dev.incidentcommand.responder.CommandService.LeaveIncidentInput;
import dev.incidentcommand.responder.CommandService.PageResponderInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class ResponderController {

    record PagePayload(Page page, Incident incident, List<UserError> userErrors) {
    }

    record JoinPayload(Participation participation, Incident incident, List<UserError> userErrors) {
    }

    private final CommandService command;
    private final ResponderRepository responders;
    private final ResponderBatches batches;
    private final ParticipationRepository participations;
    private final PageRepository pages;
    private final IncidentRepository incidents;

    ResponderController(CommandService command, ResponderRepository responders, ResponderBatches batches,
                        ParticipationRepository participations, PageRepository pages, IncidentRepository incidents) {
        this.command = command;
        this.responders = responders;
        this.batches = batches;
        this.participations = participations;
        this.pages = pages;
        this.incidents = incidents;
    }

    @QueryMapping
    Mono<Responder> responder(@Argument String handle) {
        return responders.findByHandle(Inputs.normalizeHandle(handle));
    }

    @SchemaMapping(typeName = "Responder")
    String id(Responder responder) {
        return Ids.encode(Ids.Type.Responder, responder.id());
    }

    @SchemaMapping(typeName = "Page", field = "id")
    String pageId(Page page) {
        return Ids.encode(Ids.Type.Page, page.id());
    }

    @SchemaMapping(typeName = "Incident")
    Mono<List<Participation>> participants(Incident incident, @Argument Boolean includePast) {
        return participations.findByIncidents(List.of(incident.id()), Boolean.TRUE.equals(includePast));
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, List<Page>>> pages(List<Incident> list) {
        return pages.findByIncidents(ByIncident.ids(list)).map(rows -> ByIncident.group(list, rows, Page::incidentId));
    }

    @BatchMapping(typeName = "Participation")
    Mono<Map<Participation, Responder>> responder(List<Participation> list) {
        return batches.of(list, Participation::responderId);
    }

    @BatchMapping(typeName = "Page", field = "responder")
    Mono<Map<Page, Responder>> pagedResponder(List<Page> list) {
        return batches.of(list, Page::responderId);
    }

    @BatchMapping(typeName = "Page")
    Mono<Map<Page, Responder>> pagedBy(List<Page> list) {
        return batches.of(list, Page::pagedById);
    }

    @MutationMapping
    Mono<IncidentPayload> assignCommander(@Argument AssignCommanderInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return IncidentPayload.respond(command.assignCommander(input, actor.requireHandle()), incidents);
    }

    @MutationMapping
    Mono<IncidentPayload> handOverCommand(@Argument HandOverCommandInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return IncidentPayload.respond(command.handOverCommand(input, actor.requireHandle()), incidents);
    }

    @MutationMapping
    Mono<IncidentPayload> leaveIncident(@Argument LeaveIncidentInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return IncidentPayload.respond(command.leaveIncident(input, actor.requireHandle()), incidents);
    }

    @MutationMapping
    Mono<PagePayload> pageResponder(@Argument PageResponderInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return Payloads.respond(command.pageResponder(input, actor.requireHandle()),
                receipt -> Mono.zip(pages.find(receipt.subjectId()), incidents.find(IncidentRef.of(receipt.incidentId())))
                        .map(found -> new PagePayload(found.getT1(), found.getT2(), List.of())),
                errors -> new PagePayload(null, null, errors));
    }

    @MutationMapping
    Mono<JoinPayload> joinIncident(@Argument JoinIncidentInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return Payloads.respond(command.joinIncident(input, actor.requireHandle()),
                receipt -> Mono.zip(participations.find(receipt.subjectId()), incidents.find(IncidentRef.of(receipt.incidentId())))
                        .map(found -> new JoinPayload(found.getT1(), found.getT2(), List.of())),
                errors -> new JoinPayload(null, null, errors));
    }
}
