package dev.incidentcommand.incident;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.common.Actor;
import dev.incidentcommand.common.Connections.Edge;
import dev.incidentcommand.common.Connections.PageInfo;
import dev.incidentcommand.common.Connections;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.incident.IncidentInputs.ChangeSeverityInput;
import dev.incidentcommand.incident.IncidentInputs.ChangeStatusInput;
import dev.incidentcommand.incident.IncidentInputs.DeclareIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.UpdateImpactInput;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.responder.ResponderBatches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class IncidentController {

    /** A page of incidents; keeps its filter so {@code totalCount} is only counted when asked for. */
    record IncidentConnection(List<Edge<Incident>> edges, PageInfo pageInfo, IncidentFilter filter) {
    }

    private final IncidentService service;
    private final IncidentRepository incidents;
    private final ResponderBatches responders;

    IncidentController(IncidentService service, IncidentRepository incidents, ResponderBatches responders) {
        this.service = service;
        this.incidents = incidents;
        this.responders = responders;
    }

    @QueryMapping
    Mono<Incident> incident(@Argument String id) {
        return IncidentRef.parse(id).map(incidents::find).orElse(Mono.empty());
    }

    @QueryMapping
    Mono<IncidentConnection> incidents(@Argument IncidentFilter filter, @Argument Integer first, @Argument String after) {
        Connections.PageRequest page = Connections.request(first, after, 20);
        return incidents.page(filter, page)
                .map(rows -> Connections.of(rows, page, Incident::id))
                .map(connection -> new IncidentConnection(connection.edges(), connection.pageInfo(), filter));
    }

    @SchemaMapping(typeName = "IncidentConnection")
    Mono<Long> totalCount(IncidentConnection connection) {
        return incidents.count(connection.filter());
    }

    @SchemaMapping(typeName = "Incident")
    String id(Incident incident) {
        return Ids.encode(Ids.Type.Incident, incident.id());
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, Responder>> commander(List<Incident> list) {
        return responders.of(list.stream().filter(i -> i.commanderId() != null).toList(), Incident::commanderId);
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, Responder>> declaredBy(List<Incident> list) {
        return responders.of(list, Incident::declaredById);
    }

    @MutationMapping
    Mono<IncidentPayload> declareIncident(@Argument DeclareIncidentInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.declare(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<IncidentPayload> changeSeverity(@Argument ChangeSeverityInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.changeSeverity(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<IncidentPayload> changeStatus(@Argument ChangeStatusInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.changeStatus(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<IncidentPayload> updateImpact(@Argument UpdateImpactInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.updateImpact(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<IncidentPayload> reportRecurrence(@Argument IncidentInputs.ReportRecurrenceInput input,
                                           @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.reportRecurrence(input, actor.requireHandle()));
    }

    private Mono<IncidentPayload> respond(Mono<Receipt> change) {
        return IncidentPayload.respond(change, incidents);
    }
}
