package dev.incidentcommand.security;

import java.time.Instant;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.people.Role;

/** An API token as stored: never its secret, only a hash of it and its first characters. */
record ApiToken(long id, String name, String prefix, long responderId, Role role, Instant createdAt, Long createdById,
                Instant expiresAt, Instant lastUsedAt, Instant revokedAt, Long revokedById) implements Ids.Row {

    boolean revoked() {
        return revokedAt != null;
    }
}
