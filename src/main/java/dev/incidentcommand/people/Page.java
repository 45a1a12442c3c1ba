package dev.incidentcommand.people;

import java.time.Instant;

/** A page sent to a responder; answered when they join the incident. */
public record Page(long id, long incidentId, long responderId, long pagedById, String reason, Instant pagedAt,
                   Instant answeredAt) {
}
