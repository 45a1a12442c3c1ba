package dev.incidentcommand.limits;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** A request turned away before it ran, with the HTTP status and the sentence that say why. */
final class RequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String classification;
    private final Duration retryAfter;

    RequestRefused(HttpStatus status, String classification, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.classification = classification;
        this.retryAfter = retryAfter;
    }

    HttpStatus status() {
        return status;
    }

    String classification() {
        return classification;
    }

    /** When trying again may succeed, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
