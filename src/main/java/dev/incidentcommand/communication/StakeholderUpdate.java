package dev.incidentcommand.communication;

import java.time.Instant;

public record StakeholderUpdate(long id, long incidentId, Audience audience, String body, long authorId, Instant postedAt) {
}
