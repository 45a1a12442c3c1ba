package dev.incidentcommand.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.incidentcommand.common.Inputs;
import tools.jackson.databind.JsonNode;

/**
 * Reading the fields every format shares, with the same rules everywhere: texts are trimmed and blank
 * means absent, titles and descriptions are shortened rather than refused, a key too long to store is
 * refused, and a link that is not http(s) is dropped. Messages name the field and which alert it is in.
 */
final class Fields {

    static final int DESCRIPTION = 2_000;
    private static final String ELLIPSIS = "…";
    /** How much of a sender's value a message quotes back. */
    private static final int QUOTED = 40;

    private Fields() {
    }

    /** A text field (a number or true/false is read as text too), or null when absent or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A text field that must be there; {@code subject} says whose it is, as in "Alert 2". */
    static String required(JsonNode node, String field, String subject) {
        String text = text(node, field);
        if (text == null) {
            throw new BadPayload(node.path(field).isContainer()
                    ? subject + " has a '" + field + "' that is not text."
                    : subject + " has no '" + field + "'.");
        }
        return text;
    }

    /** The key a sender deduplicates by: refused when too long to store, since shortening it would merge alerts. */
    static String key(String value, String field, String subject) {
        if (value != null && value.length() > Inputs.KEY) {
            throw new BadPayload("The '" + field + "' of " + Character.toLowerCase(subject.charAt(0)) + subject.substring(1)
                    + " is " + value.length() + " characters long; at most " + Inputs.KEY + " are allowed.");
        }
        return value;
    }

    /** The objects of a top-level {@code alerts} array; {@code sender} starts the sentence, as in "A Grafana webhook". */
    static List<JsonNode> alerts(JsonNode body, String sender) {
        JsonNode alerts = body.path("alerts");
        if (!alerts.isArray()) {
            throw new BadPayload(sender + " needs an 'alerts' array.");
        }
        List<JsonNode> objects = new ArrayList<>(alerts.size());
        for (JsonNode alert : alerts) {
            if (!alert.isObject()) {
                throw new BadPayload(position(objects.size()) + " is not a JSON object.");
            }
            objects.add(alert);
        }
        return objects;
    }

    /** How messages name the alert at a zero-based index: "Alert 1" is the first. */
    static String position(int index) {
        return "Alert " + (index + 1);
    }

    /** Whether an alert with a required {@code status} of "firing" or "resolved" is firing. */
    static boolean firing(JsonNode alert, String subject) {
        String status = required(alert, "status", subject);
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "firing" -> true;
            case "resolved" -> false;
            default -> throw new BadPayload(subject + " has status " + quote(status)
                    + "; it must be 'firing' or 'resolved'.");
        };
    }

    static String title(String text) {
        return cut(text, Inputs.TITLE);
    }

    static String description(String text) {
        return cut(text, DESCRIPTION);
    }

    /** The text when it is an absolute http(s) link short enough to keep, else null. */
    static String link(String text) {
        if (text == null || text.length() > Inputs.URL) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? text : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A sender's value in single quotes, shortened so a message stays one readable sentence. */
    static String quote(String value) {
        return "'" + cut(value, QUOTED) + "'";
    }

    /** At most {@code max} characters, the last one an ellipsis when something was cut. */
    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
