package dev.incidentcommand.security;

import org.springframework.security.core.AuthenticationException;

/** A credential was missing or not valid; the message says which and what to do. */
final class Unauthenticated extends AuthenticationException {

    Unauthenticated(String message) {
        super(message);
    }
}
