package dev.incidentcommand.live;

/** A subscriber stopped keeping up and was ended rather than buffered without bound. */
class FellBehind extends RuntimeException {

    FellBehind(String message) {
        super(message, null, false, false);
    }
}
