package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.Map;

/** One entry of an incident's record, as stored. */
public record TimelineEvent(
        long id,
        long incidentId,
        int sequence,
        TimelineEventKind kind,
        Instant at,
        long actorId,
        String summary,
        Map<String, Object> details) {
}
