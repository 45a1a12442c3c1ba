package dev.incidentcommand.timeline;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Shortcut;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderIdentities;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class TimelineController {

    private final ResponderBatches responders;

    TimelineController(ResponderBatches responders) {
        this.responders = responders;
    }

    @SchemaMapping(typeName = "TimelineEvent")
    Map<String, Object> details(TimelineEvent event) {
        return event.detailsAsMap();
    }

    @BatchMapping(typeName = "TimelineEvent")
    Mono<Map<TimelineEvent, Responder>> actor(List<TimelineEvent> events) {
        return responders.of(events, TimelineEvent::actorId);
    }

    /** Every event a live board receives names its actor; by handle, without reading once known. */
    @Bean
    static Shortcut knownActor(ResponderIdentities identities) {
        return identities.byId("TimelineEvent.actor", TimelineEvent::actorId);
    }
}
