package dev.incidentcommand.incident;

/**
 * What a change did, by reference: the incident, the object it created or changed (a task, a
 * note...), and for declarations whether an existing incident was returned. Kept with the
 * idempotency key so a replay answers with the same objects.
 */
public record Receipt(long incidentId, Long subjectId, boolean deduplicated) {

    public static Receipt of(long incidentId) {
        return new Receipt(incidentId, null, false);
    }

    public static Receipt of(long incidentId, long subjectId) {
        return new Receipt(incidentId, subjectId, false);
    }
}
