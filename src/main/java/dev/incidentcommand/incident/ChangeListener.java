package dev.incidentcommand.incident;

import reactor.core.publisher.Mono;

/**
 * Told of every change's events as they are appended, inside the change's transaction, so that
 * what follows from them (a notification to send) commits with them or not at all.
 */
public interface ChangeListener {

    /** {@code change} has just appended its events, numbered from {@code firstSequence}. */
    Mono<Void> appended(ChangeContext change, int firstSequence);

    /**
     * Whether {@link #appended} would write anything for {@code change}, whose events are recorded
     * but not yet appended. A change no listener has work for may be written in a single statement
     * without a transaction to call them in ({@link IncidentChanges#appendTo}); when unsure, yes.
     */
    default Mono<Boolean> hasWorkFor(ChangeContext change) {
        return Mono.just(true);
    }
}
