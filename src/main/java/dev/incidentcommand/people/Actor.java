package dev.incidentcommand.people;

import dev.incidentcommand.common.BadRequest;
import dev.incidentcommand.common.Inputs;

/**
 * Who is acting on this request. Taken from one place ({@link ActorInterceptor}) so that moving
 * to an authenticated principal changes only that place.
 */
public record Actor(String handle, String problem) {

    public static final String CONTEXT_KEY = "incidentCommand.actor";
    public static final String HEADER = "X-Actor";

    public static Actor of(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Actor(null, "Say who is acting: send the " + HEADER + " header with your responder handle, e.g. '"
                    + HEADER + ": alice'.");
        }
        String handle = Inputs.normalizeHandle(raw);
        if (!Inputs.isHandle(handle)) {
            return new Actor(null, "The " + HEADER + " header must be a responder handle: up to 40 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit.");
        }
        return new Actor(handle, null);
    }

    /** The acting responder's handle; a request that changes something must say who acts. */
    public String requireHandle() {
        if (handle == null) {
            throw new BadRequest(problem);
        }
        return handle;
    }
}
