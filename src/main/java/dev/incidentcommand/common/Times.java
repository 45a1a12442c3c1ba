package dev.incidentcommand.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in summaries and messages; the API's fields stay ISO-8601. */
public final class Times {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** A span as people say it: {@code 45s}, {@code 12 min}, {@code 3 h 5 min}. */
    public static String span(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + "s";
        }
        return minutes < 120 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    /** {@code 2026-11-27 14:30 UTC}. */
    public static String readable(Instant instant) {
        return READABLE.format(instant);
    }
}
