package dev.incidentcommand.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one mutation input and collects every problem, so a client learns all of them in one
 * round trip. Texts are trimmed; handles are lower-cased. {@link #orRefuse()} throws when
 * anything was wrong.
 */
public final class Inputs {

    public static final int TITLE = 200;
    public static final int REASON = 2_000;
    public static final int BODY = 10_000;
    public static final int NOTE = 20_000;
    public static final int URL = 2_000;
    public static final int NAME = 200;
    public static final int KEY = 200;
    public static final int AFFECTED = 500;

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    private final List<UserError> errors = new ArrayList<>();
    private final Instant now;

    /** Checks made at {@code now}: times given must not lie before it. */
    public Inputs(Instant now) {
        this.now = now;
    }

    public static boolean isHandle(String value) {
        return value != null && HANDLE.matcher(value).matches();
    }

    public static String normalizeHandle(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /** A text that must be given: trimmed, not blank, at most {@code max} characters. */
    public String required(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            errors.add(UserError.onInput(field, UserErrorCode.BLANK, "'" + field + "' must not be blank."));
            return null;
        }
        return limit(field, text, max);
    }

    /** A text that may be left out: trimmed, null when blank, at most {@code max} characters. */
    public String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return limit(field, value.strip(), max);
    }

    /** A responder handle that must be given. */
    public String handle(String field, String value) {
        String handle = normalizeHandle(value);
        if (handle == null || handle.isEmpty()) {
            errors.add(UserError.onInput(field, UserErrorCode.BLANK, "'" + field + "' must name a responder handle."));
            return null;
        }
        if (!isHandle(handle)) {
            errors.add(UserError.onInput(field, UserErrorCode.INVALID_VALUE, "'" + field
                    + "' must be a handle: up to 40 letters, digits, '.', '_' or '-', starting with a letter or digit."));
            return null;
        }
        return handle;
    }

    /** An http(s) link, or null when left out. */
    public String url(String field, String value) {
        String text = optional(field, value, URL);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(UserError.onInput(field, UserErrorCode.INVALID_VALUE, "'" + field + "' must be an http or https link."));
        return null;
    }

    /** A time that must not lie before now (a minute of clock skew is tolerated). */
    public Instant notInPast(String field, Instant value) {
        if (value != null && value.isBefore(now.minusSeconds(60))) {
            errors.add(UserError.onInput(field, UserErrorCode.INVALID_VALUE, "'" + field + "' must not be in the past."));
            return null;
        }
        return value;
    }

    /** A time that must not lie further back than {@code span}. */
    public Instant notBefore(String field, Instant value, Duration span) {
        if (value != null && value.isBefore(now.minus(span))) {
            errors.add(UserError.onInput(field, UserErrorCode.INVALID_VALUE, "'" + field + "' is more than "
                    + span.toDays() / 365 + " years ago."));
            return null;
        }
        return value;
    }

    public String idempotencyKey(String value) {
        return optional("idempotencyKey", value, KEY);
    }

    public void require(boolean condition, String field, UserErrorCode code, String message) {
        if (!condition) {
            errors.add(UserError.onInput(field, code, message));
        }
    }

    public void orRefuse() {
        if (!errors.isEmpty()) {
            throw new Refusal(errors);
        }
    }

    private String limit(String field, String text, int max) {
        if (text.length() > max) {
            errors.add(UserError.onInput(field, UserErrorCode.TOO_LONG,
                    "'" + field + "' is " + text.length() + " characters long; at most " + max + " are allowed."));
            return null;
        }
        return text;
    }
}
