package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.incidentcommand.database.RowInsert;
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
    private final List<RowInsert> rows = new ArrayList<>();
    private Incident incident;
    private IncidentNames.Name name;
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
        this.name = new IncidentNames.Name(target.id(), target.key());
    }

    /** Names the incident by id and key only: the change appends without reading it ({@link IncidentChanges#appendTo}). */
    void on(IncidentNames.Name known) {
        this.name = known;
    }

    /** The incident as locked for this change; null for a change that appends without reading it. */
    public Incident incident() {
        return incident;
    }

    public long incidentId() {
        return name.id();
    }

    public String incidentKey() {
        return name.key();
    }

    /** Records a timeline event in the acting responder's name. */
    public void record(EventDetails details) {
        recordAs(actor, details);
    }

    /** Records an event in someone else's name, e.g. the server's own when a rule speaks up. */
    public void recordAs(Responder by, EventDetails details) {
        String summary = details.summary(new Narration(by.handle(), incidentKey(), now));
        events.add(new NewEvent(details, by.id(), summary));
    }

    /**
     * A row this change makes (a note...) that is written with its events, in the statement that
     * appends them, rather than on its own: its id comes from {@link dev.incidentcommand.database.RowIds}.
     * Nothing before the append sees the row; a change whose rules read it writes it itself.
     */
    public void writeWithEvents(RowInsert row) {
        rows.add(row);
    }

    /** The rows written with the events; see {@link #writeWithEvents}. */
    List<RowInsert> rows() {
        return rows;
    }

    /** Whether the change has anything for the unit of work to write: events, or rows going with them. */
    boolean writes() {
        return !events.isEmpty() || !rows.isEmpty();
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
