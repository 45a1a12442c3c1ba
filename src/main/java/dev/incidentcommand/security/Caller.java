package dev.incidentcommand.security;

import java.time.Instant;

import dev.incidentcommand.people.Actor;
import dev.incidentcommand.people.Role;

/**
 * An authenticated caller: whose credential it is, what it may do, and until when.
 *
 * @param tokenId   the API token used, or null for a single sign-on JWT
 * @param expiresAt when the credential stops being valid; null when it does not expire
 */
public record Caller(String handle, Role role, Long tokenId, Instant expiresAt) {

    Actor actor() {
        return new Actor(handle, role);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
