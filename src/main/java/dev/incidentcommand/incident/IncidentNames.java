package dev.incidentcommand.incident;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids and keys of the incidents this instance has changed. Neither ever changes, so a pair
 * once seen holds for good; the statement that uses one checks both anyway.
 */
final class IncidentNames {

    record Name(long id, String key) {
    }

    private static final int MAX_KNOWN = 10_000;

    private final Map<Long, Name> byId = new ConcurrentHashMap<>();
    private final Map<String, Name> byKey = new ConcurrentHashMap<>();

    void remember(Incident incident) {
        if (byId.size() < MAX_KNOWN && byId.putIfAbsent(incident.id(), new Name(incident.id(), incident.key())) == null) {
            byKey.put(incident.key(), byId.get(incident.id()));
        }
    }

    /** The incident's id and key, or null when this instance has not seen it. */
    Name find(IncidentRef ref) {
        return ref instanceof IncidentRef.ByKey byKeyRef ? byKey.get(byKeyRef.key()) : byId.get(((IncidentRef.ById) ref).id());
    }
}
