package dev.incidentcommand.incident;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** For batch loading: rows grouped under the incidents they belong to. */
public final class ByIncident {

    private ByIncident() {
    }

    public static List<Long> ids(List<Incident> incidents) {
        return incidents.stream().map(Incident::id).toList();
    }

    /** Each item with the incident it belongs to, given the incidents loaded by id. */
    public static <T> Map<T, Incident> incidentOf(List<T> items, Map<Long, Incident> byId, ToLongFunction<T> incidentId) {
        Map<T, Incident> result = new LinkedHashMap<>();
        items.forEach(item -> result.put(item, byId.get(incidentId.applyAsLong(item))));
        return result;
    }

    /** Each incident with its rows, in the rows' order; incidents without rows get an empty list. */
    public static <T> Map<Incident, List<T>> group(List<Incident> incidents, List<T> rows, Function<T, Long> incidentId) {
        Map<Long, List<T>> byId = rows.stream().collect(Collectors.groupingBy(incidentId));
        return incidents.stream().collect(Collectors.toMap(Function.identity(),
                incident -> byId.getOrDefault(incident.id(), List.of()), (a, b) -> a));
    }
}
