package dev.incidentcommand.incident;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnore;
import reactor.core.publisher.Mono;

/**
 * What a change did, by reference: the incident, the object it created or changed (a task, a
 * note...), and for declarations whether an existing incident was returned. Kept with the
 * idempotency key so a replay answers with the same objects.
 *
 * @param made the object the change just wrote, when it has it at hand: the response can use it
 *             instead of reading it back. Never kept; a replayed receipt has none.
 */
public record Receipt(long incidentId, Long subjectId, boolean deduplicated, @JsonIgnore Object made) {

    public Receipt(long incidentId, Long subjectId, boolean deduplicated) {
        this(incidentId, subjectId, deduplicated, null);
    }

    public static Receipt of(long incidentId) {
        return new Receipt(incidentId, null, false);
    }

    public static Receipt of(long incidentId, long subjectId) {
        return new Receipt(incidentId, subjectId, false);
    }

    /** A receipt for {@code made}, whose id is {@code subjectId}. */
    public static Receipt of(long incidentId, long subjectId, Object made) {
        return new Receipt(incidentId, subjectId, false, made);
    }

    /** The object the change wrote: the one at hand, or else as {@code read} finds it. */
    public <T> Mono<T> subject(Class<T> type, Supplier<Mono<T>> read) {
        return type.isInstance(made) ? Mono.just(type.cast(made)) : read.get();
    }
}
