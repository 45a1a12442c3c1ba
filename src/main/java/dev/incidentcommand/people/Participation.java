package dev.incidentcommand.people;

import java.time.Instant;

/** A responder holding a role on an incident, from {@code since} until {@code until} (null while held). */
public record Participation(long id, long incidentId, long responderId, ParticipantRole role, Instant since, Instant until) {
}
