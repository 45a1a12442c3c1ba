package dev.incidentcommand.timeline;

/** Published after a change commits: the incident's timeline now reaches {@code lastSequence}. */
public record TimelineAppended(long incidentId, int lastSequence) {
}
