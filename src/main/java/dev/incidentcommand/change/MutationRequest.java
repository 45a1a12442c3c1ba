package dev.incidentcommand.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A mutation as the change mechanism needs it: its name, who sends it, its idempotency key and
 * its checked input (a record, whose text form identifies the request for replays).
 */
public record MutationRequest(String mutation, String actorHandle, String idempotencyKey, Record input) {

    /** A request; a blank idempotency key counts as none. */
    public static MutationRequest of(String mutation, String actorHandle, String idempotencyKey, Record input) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        return new MutationRequest(mutation, actorHandle, key, input);
    }

    /** Identifies "the same request": same mutation, same actor, same input. */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((mutation + "\n" + actorHandle + "\n" + input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
