package dev.incidentcommand.timeline;

import java.time.Instant;

/**
 * What a timeline event says, as a typed record: one record per {@link TimelineEventKind}, each
 * named after its kind ({@code TaskCreated} is {@code TASK_CREATED}) and grouped under a sealed
 * interface in the package that records it. Stored as JSON and read back as the same record; the
 * sentence people read is written by the record itself, in one place.
 */
public interface EventDetails {

    /** The kind this record describes, from its name. */
    default TimelineEventKind eventKind() {
        return EventJson.kindOf(getClass());
    }

    /** The event in a sentence for people. */
    String summary(Narration narration);

    /** What a summary may mention besides the details: who acted, on which incident, and when. */
    record Narration(String actor, String incident, Instant at) {
    }
}
