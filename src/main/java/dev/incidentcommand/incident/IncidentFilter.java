package dev.incidentcommand.incident;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Criteria of {@code Query.incidents}; null means "any". */
public record IncidentFilter(
        Boolean active,
        List<IncidentStatus> statuses,
        List<Severity> severities,
        IncidentSource source,
        String externalRef) {

    /**
     * The filter as graphql-java hands it over, already checked against the schema (enum values
     * arrive as their names). Read by hand: every board asks for its incidents, and Spring's
     * argument binder looks up the record's constructor by reflection on each call, which cost
     * more than the rest of the query's controller.
     */
    static IncidentFilter of(Map<String, Object> input) {
        if (input == null) {
            return null;
        }
        return new IncidentFilter(
                (Boolean) input.get("active"),
                names(input.get("statuses"), IncidentStatus::valueOf),
                names(input.get("severities"), Severity::valueOf),
                input.get("source") == null ? null : IncidentSource.valueOf((String) input.get("source")),
                (String) input.get("externalRef"));
    }

    private static <E> List<E> names(Object value, Function<String, E> valueOf) {
        return value == null ? null : ((List<?>) value).stream().map(name -> valueOf.apply((String) name)).toList();
    }
}
