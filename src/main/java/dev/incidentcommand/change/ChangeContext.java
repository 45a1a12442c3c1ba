package dev.incidentcommand.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.timeline.TimelineEventKind;

/**
 * What a change sees while it runs: who acts, the one instant the whole change happens at, and
 * a place to record its timeline events. The events are written by {@link IncidentChanges} in
 * the change's transaction, numbered after the incident's last sequence.
 */
public final class ChangeContext {

    record PendingEvent(TimelineEventKind kind, String summary, Map<String, Object> details, Responder actor) {
    }

    private final Responder actor;
    private final Instant now;
    private final List<PendingEvent> events = new ArrayList<>();
    private Incident incident;
    private boolean rulesAffected = true;

    ChangeContext(Responder actor, Instant now) {
        this.actor = actor;
        this.now = now;
    }

    public Responder actor() {
        return actor;
    }

    public Instant now() {
        return now;
    }

    /** Names the incident the events belong to; done by the mechanism, or by a declaration once inserted. */
    public void on(Incident target) {
        this.incident = target;
    }

    public Incident incident() {
        return incident;
    }

    /**
     * Records a timeline event. {@code details} are for programs (ids, from/to values); the
     * summary is for people. Null detail values are left out.
     */
    public void record(TimelineEventKind kind, String summary, Map<String, Object> details) {
        recordAs(actor, kind, summary, details);
    }

    /** Records an event in someone else's name, e.g. the server's own when a rule speaks up. */
    public void recordAs(Responder by, TimelineEventKind kind, String summary, Map<String, Object> details) {
        Map<String, Object> kept = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value instanceof Enum<?> e ? e.name() : value);
            }
        });
        events.add(new PendingEvent(kind, summary, kept, by));
    }

    /**
     * Says this change cannot affect the rules of command (a note, a customer notice), so the
     * review after it is skipped; anything time makes due is still found by the sweeper.
     */
    public void leavesRulesUnaffected() {
        rulesAffected = false;
    }

    boolean rulesAffected() {
        return rulesAffected;
    }

    /** Convenience for building details with optional values. */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    List<PendingEvent> events() {
        return events;
    }
}
