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
        if (byId.size() < MAX_KNOWN && !byId.containsKey(incident.id())) {
            Name name = new Name(incident.id(), incident.key());
            byId.putIfAbsent(name.id(), name);
            byKey.putIfAbsent(name.key(), name);
        }
    }

    /** The incident's id and key, or null when this instance has not seen it. */
    Name find(IncidentRef ref) {
        return ref instanceof IncidentRef.ByKey byKeyRef ? byKey.get(byKeyRef.key()) : byId.get(((IncidentRef.ById) ref).id());
    }
}
