package dev.incidentcommand.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import dev.incidentcommand.common.Inputs;
import reactor.core.publisher.Mono;

/**
 * One mutation request: the mutation's name, the acting responder's handle and its input. Handlers
 * receive it ready-made ({@link MutationResolver}), so none of them repeats these by hand.
 *
 * @param receivedAt when the request arrived, against which "not in the past" is checked
 */
public record Mutation<I extends MutationInput<I>>(String name, String actor, I input, Instant receivedAt) {

    /** The input, checked and normalized; refused with every problem found, the idempotency key's included. */
    public Mono<I> checked() {
        return Mono.fromCallable(() -> {
            Inputs inputs = new Inputs(receivedAt);
            I normalized = input.check(inputs);
            inputs.idempotencyKey(input.idempotencyKey());
            inputs.orRefuse();
            return normalized;
        });
    }

    /** The caller's idempotency key; a blank one counts as none. */
    public String idempotencyKey() {
        String key = input.idempotencyKey();
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** Identifies "the same request" for replays: same mutation, same actor, same input. */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((name + "\n" + actor + "\n" + input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
