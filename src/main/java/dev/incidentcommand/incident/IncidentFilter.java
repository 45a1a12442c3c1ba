package dev.incidentcommand.incident;

import java.util.List;

/** Criteria of {@code Query.incidents}; null means "any". */
public record IncidentFilter(
        Boolean active,
        List<IncidentStatus> statuses,
        List<Severity> severities,
        IncidentSource source,
        String externalRef) {
}
