package dev.incidentcommand.people;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Resolves the responders referenced by a batch of objects in one query (no N+1). */
@Component
public class ResponderBatches {

    private final ResponderRepository responders;

    ResponderBatches(ResponderRepository responders) {
        this.responders = responders;
    }

    public <T> Mono<Map<T, Responder>> of(List<T> items, ToLongFunction<T> responderId) {
        return responders.findByIds(items.stream().map(responderId::applyAsLong).toList())
                .map(byId -> {
                    Map<T, Responder> result = new LinkedHashMap<>();
                    for (T item : items) {
                        result.put(item, byId.get(responderId.applyAsLong(item)));
                    }
                    return result;
                });
    }

    /** The same, for objects that name their responder by handle (as timeline events do). */
    public <T> Mono<Map<T, Responder>> byHandle(List<T> items, Function<T, String> handle) {
        return responders.findByHandles(items.stream().map(handle).toList())
                .map(byHandle -> {
                    Map<T, Responder> result = new LinkedHashMap<>();
                    for (T item : items) {
                        result.put(item, byHandle.get(handle.apply(item)));
                    }
                    return result;
                });
    }
}
