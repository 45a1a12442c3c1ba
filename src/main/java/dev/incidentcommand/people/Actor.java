package dev.incidentcommand.people;

/**
 * Who is acting on this request: the authenticated principal's responder handle and role. The
 * security layer puts it into every request's GraphQL context; every timeline event a request
 * writes is in this handle's name.
 */
public record Actor(String handle, Role role) {

    public static final String CONTEXT_KEY = "incidentCommand.actor";
}
