package dev.incidentcommand.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in summaries and messages; the API's fields stay ISO-8601. */
public final class Times {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** {@code 2026-11-27 14:30 UTC}. */
    public static String readable(Instant instant) {
        return READABLE.format(instant);
    }
}
