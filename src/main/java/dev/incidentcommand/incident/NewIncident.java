package dev.incidentcommand.incident;

import java.time.Instant;

/** What a declaration asks for, checked. */
record NewIncident(
        String title,
        Severity severity,
        IncidentSource source,
        String externalRef,
        Impact impact,
        String callUrl,
        Long commanderId,
        long declaredById,
        Instant detectedAt,
        Instant declaredAt,
        String alertUrl) {
}
