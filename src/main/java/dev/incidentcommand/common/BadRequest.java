package dev.incidentcommand.common;

/**
 * The request itself is wrong (not a domain refusal): reported as a GraphQL error with
 * classification BAD_REQUEST and this message.
 */
public class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
