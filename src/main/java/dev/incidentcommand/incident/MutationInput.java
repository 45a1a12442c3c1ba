package dev.incidentcommand.incident;

import dev.incidentcommand.common.Inputs;

/**
 * The {@code input} of a mutation. It checks itself, collecting every problem into {@link Inputs}
 * and returning itself normalized (texts trimmed, handles lower-cased), and names the caller's
 * idempotency key, if any.
 */
public interface MutationInput<I extends MutationInput<I>> {

    String idempotencyKey();

    I check(Inputs inputs);
}
