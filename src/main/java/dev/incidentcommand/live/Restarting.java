package dev.incidentcommand.live;

/** The server is going away: the subscription ends, and the client subscribes again to resume. */
class Restarting extends RuntimeException {

    Restarting(String message) {
        super(message, null, false, false);
    }
}
