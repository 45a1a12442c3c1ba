package dev.incidentcommand.incident;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** For batch loading: rows grouped under the incidents they belong to. */
public final class ByIncident {

    private ByIncident() {
    }

    public static List<Long> ids(List<Incident> incidents) {
        return incidents.stream().map(Incident::id).toList();
    }

    /** Each incident with its rows, in the rows' order; incidents without rows get an empty list. */
    public static <T> Map<Incident, List<T>> group(List<Incident> incidents, List<T> rows, Function<T, Long> incidentId) {
        Map<Long, List<T>> byId = rows.stream().collect(Collectors.groupingBy(incidentId));
        return incidents.stream().collect(Collectors.toMap(Function.identity(),
                incident -> byId.getOrDefault(incident.id(), List.of()), (a, b) -> a));
    }
}
