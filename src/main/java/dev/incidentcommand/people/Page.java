package dev.incidentcommand.people;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

/**
 * A page sent to a responder; answered when they join the incident.
 *
 * @param answerBy               by when it should be answered, set by the incident's severity
 * @param unansweredReportedAt   when the rules of command recorded it as unanswered (once), or null
 */
public record Page(long id, long incidentId, long responderId, long pagedById, String reason, Instant pagedAt,
                   Instant answeredAt, Instant answerBy, Instant unansweredReportedAt) implements Ids.Row {

    public boolean unanswered() {
        return answeredAt == null;
    }
}
