package dev.incidentcommand.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs WEBHOOK deliveries so a receiver can tell they come from this server and were not
 * replayed later: HMAC-SHA256, keyed with the channel's secret, over "{timestamp}.{body}".
 * Receivers compare in constant time and reject timestamps more than a few minutes old.
 */
final class Signatures {

    static final String DELIVERY = "Incident-Command-Delivery";
    static final String TIMESTAMP = "Incident-Command-Timestamp";
    static final String SIGNATURE = "Incident-Command-Signature";

    private Signatures() {
    }

    /** The signature header's value: {@code v1=} and the hex HMAC. */
    static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
