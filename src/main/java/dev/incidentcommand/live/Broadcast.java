package dev.incidentcommand.live;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.timeline.TimelineEvent;

/**
 * A committed event as the feed hands it to subscribers, with the incident as read alongside it.
 * Both are {@link Shared}: subscribers asking for the same fields receive one rendering of them.
 *
 * @param latest   the newest event of its incident in this read, so "the incident changed"
 *                 streams send one message per change
 * @param resolved the read includes the change that resolved the incident
 */
record Broadcast(Shared<TimelineEvent> event, Shared<Incident> incident, boolean latest, boolean resolved) {

    TimelineEvent timelineEvent() {
        return event.value();
    }

    Incident incidentState() {
        return incident.value();
    }
}
