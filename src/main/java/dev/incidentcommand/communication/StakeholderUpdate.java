package dev.incidentcommand.communication;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

public record StakeholderUpdate(long id, long incidentId, Audience audience, String body, long authorId, Instant postedAt) implements Ids.Row {
}
