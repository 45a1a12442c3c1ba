package dev.incidentcommand.rewind;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.BadRequest;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.rewind.IncidentAsOf.PageAsOf;
import dev.incidentcommand.rewind.IncidentAsOf.ParticipantAsOf;
import dev.incidentcommand.rewind.IncidentAsOf.TaskAsOf;
import dev.incidentcommand.timeline.TimelineEventKind;
import dev.incidentcommand.timeline.TimelineRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** An incident as it stood at any event of its timeline, rebuilt from the events up to it. */
@Controller
class RewindController {

    private final TimelineRepository timeline;
    private final ResponderBatches responders;

    RewindController(TimelineRepository timeline, ResponderBatches responders) {
        this.timeline = timeline;
        this.responders = responders;
    }

    @SchemaMapping(typeName = "Incident")
    Mono<IncidentAsOf> asOf(Incident incident, @Argument int sequence) {
        if (sequence < 1 || sequence > incident.lastSequence()) {
            throw new BadRequest("'sequence' must be between 1 and " + incident.lastSequence() + " (the last event of "
                    + incident.key() + "), got " + sequence + ".");
        }
        return timeline.range(incident.id(), 0, sequence + 1, sequence)
                .flatMap(events -> Rewind.declaredImpact(events.get(0))
                        .map(Mono::just)
                        .orElseGet(() -> impactDeclaredBefore(incident))
                        .map(declared -> Rewind.replay(events, declared)));
    }

    /**
     * What an older declaration, which did not record the impact, stated: what the first impact
     * update changed from, or, with no update ever, the impact the incident still has.
     */
    private Mono<Impact> impactDeclaredBefore(Incident incident) {
        return timeline.first(incident.id(), TimelineEventKind.IMPACT_UPDATED)
                .map(update -> update.details(ImpactUpdated.class).orElseThrow().from())
                .defaultIfEmpty(incident.impact());
    }

    @BatchMapping(typeName = "IncidentAsOf")
    Mono<Map<IncidentAsOf, Responder>> commander(List<IncidentAsOf> list) {
        return responders.byHandle(list.stream().filter(state -> state.commanderHandle() != null).toList(),
                IncidentAsOf::commanderHandle);
    }

    @BatchMapping(typeName = "TaskAsOf")
    Mono<Map<TaskAsOf, Responder>> assignee(List<TaskAsOf> list) {
        return responders.byHandle(list, TaskAsOf::assigneeHandle);
    }

    @BatchMapping(typeName = "ParticipantAsOf")
    Mono<Map<ParticipantAsOf, Responder>> responder(List<ParticipantAsOf> list) {
        return responders.byHandle(list, ParticipantAsOf::responderHandle);
    }

    @BatchMapping(typeName = "PageAsOf", field = "responder")
    Mono<Map<PageAsOf, Responder>> pagedResponder(List<PageAsOf> list) {
        return responders.byHandle(list, PageAsOf::responderHandle);
    }
}
