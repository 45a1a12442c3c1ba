package dev.incidentcommand.people;

import java.time.Instant;

/**
 * A responder holding a role on an incident, from {@code since} until {@code until} (null while held).
 *
 * @param handoverNotes for a COMMANDER role taken over from someone: the handover notes, or why command was taken
 */
public record Participation(long id, long incidentId, long responderId, ParticipantRole role, Instant since, Instant until,
                            String handoverNotes) {
}
