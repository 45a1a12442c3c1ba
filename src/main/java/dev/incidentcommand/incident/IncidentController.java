package dev.incidentcommand.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Connections.Connection;
import dev.incidentcommand.common.Connections.Edge;
import dev.incidentcommand.common.Connections.PageInfo;
import dev.incidentcommand.common.Connections;
import dev.incidentcommand.common.Selections;
import dev.incidentcommand.common.Shortcut;
import dev.incidentcommand.incident.IncidentInputs.ChangeSeverityInput;
import dev.incidentcommand.incident.IncidentInputs.ChangeStatusInput;
import dev.incidentcommand.incident.IncidentInputs.DeclareIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.EditIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.ReportRecurrenceInput;
import dev.incidentcommand.incident.IncidentInputs.UpdateImpactInput;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderIdentities;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineRepository;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindException;
import reactor.core.publisher.Mono;

@Controller
class IncidentController {

    private static final ResolvableType FILTER = ResolvableType.forClass(IncidentFilter.class);

    /** The data loader of {@code Incident.commander}: a batch mapping's is named by its field's coordinates. */
    private static final String COMMANDER_LOADER = "Incident.commander";

    /** A page of incidents; keeps its filter so {@code totalCount} is only counted when asked for. */
    record IncidentConnection(List<Edge<Incident>> edges, PageInfo pageInfo, IncidentFilter filter) {
    }

    private final IncidentService service;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final ResponderBatches responders;
    private final InputBinding arguments = new InputBinding();

    IncidentController(IncidentService service, IncidentRepository incidents, TimelineRepository timeline,
                       ResponderBatches responders) {
        this.service = service;
        this.incidents = incidents;
        this.timeline = timeline;
        this.responders = responders;
    }

    @QueryMapping
    Mono<Incident> incident(@Argument String id) {
        return IncidentRef.parse(id).map(incidents::find).orElse(Mono.empty());
    }

    /**
     * Every board asks for its incidents, so the filter is bound by the plan mutation inputs use
     * ({@link InputBinding}): Spring's binder looked the record's constructor up by reflection on
     * each call, which cost more than the rest of this controller.
     */
    @QueryMapping
    Mono<IncidentConnection> incidents(DataFetchingEnvironment environment) throws BindException {
        IncidentFilter filter = (IncidentFilter) arguments.bind(environment, "filter", FILTER);
        Connections.PageRequest page = Connections.request(environment.getArgument("first"), environment.getArgument("after"), 20);
        // A board shows each incident's commander: read them with the page and hand them to the
        // field's data loader, which then has nothing left to load.
        DataLoader<Incident, Responder> commanders = Selections.selects(environment, "edges", "node", "commander")
                ? environment.getDataLoader(COMMANDER_LOADER) : null;
        return incidents.page(filter, page, commanders != null)
                .map(rows -> {
                    List<Incident> read = new ArrayList<>(rows.size());
                    for (IncidentRepository.Paged row : rows) {
                        if (commanders != null) {
                            commanders.prime(row.incident(), row.commander());
                        }
                        read.add(row.incident());
                    }
                    return Connections.of(read, page, Incident::id);
                })
                .map(connection -> new IncidentConnection(connection.edges(), connection.pageInfo(), filter));
    }

    @SchemaMapping(typeName = "IncidentConnection")
    Mono<Long> totalCount(IncidentConnection connection) {
        return incidents.count(connection.filter());
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, Responder>> commander(List<Incident> list) {
        return responders.of(list.stream().filter(i -> i.commanderId() != null).toList(), Incident::commanderId);
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, Responder>> declaredBy(List<Incident> list) {
        return responders.of(list, Incident::declaredById);
    }

    /** Answers {@code commander { handle }} without reading where the page did not read it already. */
    @Bean
    static Shortcut knownCommander(ResponderIdentities identities) {
        return identities.byId("Incident.commander", Incident::commanderId);
    }

    @Bean
    static Shortcut knownDeclarer(ResponderIdentities identities) {
        return identities.byId("Incident.declaredBy", Incident::declaredById);
    }

    @MutationMapping
    Mono<IncidentPayload> declareIncident(Mutation<DeclareIncidentInput> mutation) {
        return respond(service.declare(mutation));
    }

    @MutationMapping
    Mono<IncidentPayload> editIncident(Mutation<EditIncidentInput> mutation) {
        return respond(service.edit(mutation));
    }

    @MutationMapping
    Mono<IncidentPayload> changeSeverity(Mutation<ChangeSeverityInput> mutation) {
        return respond(service.changeSeverity(mutation));
    }

    @MutationMapping
    Mono<IncidentPayload> changeStatus(Mutation<ChangeStatusInput> mutation) {
        return respond(service.changeStatus(mutation));
    }

    @MutationMapping
    Mono<IncidentPayload> updateImpact(Mutation<UpdateImpactInput> mutation) {
        return respond(service.updateImpact(mutation));
    }

    @MutationMapping
    Mono<IncidentPayload> reportRecurrence(Mutation<ReportRecurrenceInput> mutation) {
        return respond(service.reportRecurrence(mutation));
    }

    @SchemaMapping(typeName = "Incident")
    Mono<Connection<TimelineEvent>> timeline(Incident incident, @Argument Integer first, @Argument String after) {
        Connections.PageRequest page = Connections.request(first, after, 50);
        return timeline.page(incident.id(), page).map(rows -> Connections.of(rows, page, TimelineEvent::sequence));
    }

    @BatchMapping(typeName = "TimelineEvent", field = "incident")
    Mono<Map<TimelineEvent, Incident>> eventIncident(List<TimelineEvent> events) {
        return incidents.incidentsOf(events, TimelineEvent::incidentId);
    }

    private Mono<IncidentPayload> respond(Mono<Receipt> change) {
        return IncidentPayload.respond(change, incidents);
    }
}
