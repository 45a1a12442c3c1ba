package dev.incidentcommand.timeline;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Connections.Connection;
import dev.incidentcommand.common.Connections;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.responder.ResponderBatches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class TimelineController {

    private final TimelineRepository timeline;
    private final IncidentRepository incidents;
    private final ResponderBatches responders;

    TimelineController(TimelineRepository timeline, IncidentRepository incidents, ResponderBatches responders) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.responders = responders;
    }

    @SchemaMapping(typeName = "Incident")
    Mono<Connection<TimelineEvent>> timeline(Incident incident, @Argument Integer first, @Argument String after) {
        Connections.PageRequest page = Connections.request(first, after, 50);
        return timeline.page(incident.id(), page).map(rows -> Connections.of(rows, page, TimelineEvent::sequence));
    }

    @SchemaMapping(typeName = "TimelineEvent")
    String id(TimelineEvent event) {
        return Ids.encode(Ids.Type.TimelineEvent, event.id());
    }

    @BatchMapping(typeName = "TimelineEvent")
    Mono<Map<TimelineEvent, Incident>> incident(List<TimelineEvent> events) {
        if (events.stream().allMatch(e -> e.knownIncident() != null)) {
            return Mono.just(events.stream().collect(Collectors.toMap(e -> e, TimelineEvent::knownIncident, (a, b) -> a)));
        }
        return incidents.incidentsOf(events, TimelineEvent::incidentId);
    }

    @BatchMapping(typeName = "TimelineEvent")
    Mono<Map<TimelineEvent, Responder>> actor(List<TimelineEvent> events) {
        if (events.stream().allMatch(e -> e.knownActor() != null)) {
            return Mono.just(events.stream().collect(Collectors.toMap(e -> e, TimelineEvent::knownActor, (a, b) -> a)));
        }
        return responders.of(events, TimelineEvent::actorId);
    }
}
