package dev.incidentcommand.incident;

import reactor.core.publisher.Mono;

/**
 * Looks over an incident after a change, inside the change's transaction, and records what the
 * rules of command have to say (a stall, a missed check-in...). Also run on its own when time
 * alone makes something due.
 */
public interface ChangeReview {

    Mono<Void> review(ChangeContext context);
}
