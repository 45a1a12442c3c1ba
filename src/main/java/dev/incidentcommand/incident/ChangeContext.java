package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.incidentcommand.people.Responder;
import dev.incidentcommand.timeline.EventDetails;
import dev.incidentcommand.timeline.EventDetails.Narration;
import dev.incidentcommand.timeline.TimelineRepository.NewEvent;

/**
 * What a change sees while it runs: who acts, the one instant the whole change happens at, and
 * a place to record its timeline events. The events are written by {@link IncidentChanges} in
 * the change's transaction, numbered after the incident's last sequence.
 */
public final class ChangeContext {

    private final Responder actor;
    private final Instant now;
    private final List<NewEvent> events = new ArrayList<>();
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

    /** Names the incident the events belong to; done by the unit of work, or by a declaration once inserted. */
    public void on(Incident target) {
        this.incident = target;
    }

    public Incident incident() {
        return incident;
    }

    /** Records a timeline event in the acting responder's name. */
    public void record(EventDetails details) {
        recordAs(actor, details);
    }

    /** Records an event in someone else's name, e.g. the server's own when a rule speaks up. */
    public void recordAs(Responder by, EventDetails details) {
        String summary = details.summary(new Narration(by.handle(), incident.key(), now));
        events.add(new NewEvent(details, by.id(), summary));
    }

    /** What this change has recorded so far. */
    public List<EventDetails> recorded() {
        return events.stream().map(NewEvent::details).toList();
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

    /** The events this change records, as they are appended. */
    public List<NewEvent> events() {
        return events;
    }
}
