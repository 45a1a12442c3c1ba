package dev.incidentcommand.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque ids for the API: the type and row number, base64url-encoded. Clients must treat them as
 * opaque strings; the encoding lets the server reject an id of the wrong type cleanly.
 */
public final class Ids {

    /** The types with ids, named as in the schema, whose {@code id} field is encoded from the row's (see {@code IdFields}). */
    public enum Type { Incident, Responder, Task, Page, StakeholderUpdate, Note, TimelineEvent, ApiToken, NotificationChannel }

    /** What the schema's types with ids are read from: a stored row, with its row number. */
    public interface Row {
        long id();
    }

    private Ids() {
    }

    public static String encode(Type type, long rowId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type.name() + ":" + rowId).getBytes(StandardCharsets.UTF_8));
    }

    /** The row id behind an id of the given type; empty when the id is malformed or of another type. */
    public static Optional<Long> decode(Type type, String id) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(id.trim()), StandardCharsets.UTF_8);
            String prefix = type.name() + ":";
            if (!plain.startsWith(prefix)) {
                return Optional.empty();
            }
            long rowId = Long.parseLong(plain.substring(prefix.length()));
            return rowId > 0 ? Optional.of(rowId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
