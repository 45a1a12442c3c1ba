package dev.incidentcommand.people;

import java.time.Instant;

/** One role one responder held on an incident, from {@code since} until {@code until} (null while held). */
public record Stint(long responderId, String handle, ParticipantRole role, Instant since, Instant until) {
}
