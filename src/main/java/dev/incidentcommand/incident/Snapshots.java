package dev.incidentcommand.incident;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Parts of an incident as of one sequence, read once and shared. Every change to an incident
 * appends to its timeline, so an incident's id and last sequence name one state of it: when many
 * live boards receive the same change, the first to ask reads the incident's tasks and the rest
 * share that read, instead of each subscriber querying again.
 */
@Component
public class Snapshots {

    private static final int CAPACITY = 2_000;

    private record Key(String part, long incidentId, int sequence) {
    }

    private final Map<Key, Mono<?>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Mono<?>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** {@code part} of the incident as of its current sequence, loaded once by {@code load}. */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> of(String part, Incident incident, Supplier<Mono<T>> load) {
        Key key = new Key(part, incident.id(), incident.lastSequence());
        synchronized (cache) {
            // Only values are kept: a failed read is not remembered, the next reader tries again.
            return (Mono<T>) cache.computeIfAbsent(key, k -> load.get()
                    .cache(value -> Duration.ofDays(365), error -> Duration.ZERO, () -> Duration.ZERO));
        }
    }
}
