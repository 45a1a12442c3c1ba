package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.Map;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.responder.Responder;

/**
 * One entry of an incident's record, as stored. The live feed also attaches the actor and the
 * incident it has already read ({@code knownActor}, {@code knownIncident}), so that thousands of
 * subscribers receiving the event do not each look them up again; elsewhere they are null.
 */
public record TimelineEvent(
        long id,
        long incidentId,
        int sequence,
        TimelineEventKind kind,
        Instant at,
        long actorId,
        String summary,
        Map<String, Object> details,
        Responder knownActor,
        Incident knownIncident) {

    public TimelineEvent withKnown(Responder actor, Incident incident) {
        return new TimelineEvent(id, incidentId, sequence, kind, at, actorId, summary, details, actor, incident);
    }
}
