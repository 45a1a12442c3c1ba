package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.incidentcommand.common.Ids;

/** One entry of an incident's record, as stored. Its details are kept as written, JSON. */
public record TimelineEvent(
        long id,
        long incidentId,
        int sequence,
        TimelineEventKind kind,
        Instant at,
        long actorId,
        String summary,
        String detailsJson) implements Ids.Row {

    /** The details as their record, when this event is of that record's kind. */
    public <T extends EventDetails> Optional<T> details(Class<T> type) {
        return kind == EventJson.kindOf(type) ? Optional.of(EventJson.read(detailsJson, type)) : Optional.empty();
    }

    /** The details as a JSON object, for the API. */
    public Map<String, Object> detailsAsMap() {
        return EventJson.readMap(detailsJson);
    }
}
