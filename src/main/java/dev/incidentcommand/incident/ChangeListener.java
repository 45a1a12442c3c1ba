package dev.incidentcommand.incident;

import reactor.core.publisher.Mono;

/**
 * Told of every change's events as they are appended, inside the change's transaction, so that
 * what follows from them (a notification to send) commits with them or not at all.
 */
public interface ChangeListener {

    /** {@code change} has just appended its events, numbered from {@code firstSequence}. */
    Mono<Void> appended(ChangeContext change, int firstSequence);
}
