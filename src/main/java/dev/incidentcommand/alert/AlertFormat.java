package dev.incidentcommand.alert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.incidentcommand.incident.AlertSignal;
import tools.jackson.databind.JsonNode;

/**
 * The alerting systems whose own webhooks we accept as they are sent, so nobody has to write glue to
 * declare incidents from alerts. Each is reached at its own path segment and read by its own rules.
 */
public enum AlertFormat {

    ALERTMANAGER("alertmanager", AlertmanagerFormat::parse),
    GRAFANA("grafana", GrafanaFormat::parse),
    PAGERDUTY("pagerduty", PagerDutyFormat::parse),
    OPSGENIE("opsgenie", OpsgenieFormat::parse),
    GENERIC("generic", GenericFormat::parse);

    private final String path;
    private final BiFunction<JsonNode, AlertProperties, Parsed> reader;

    AlertFormat(String path, BiFunction<JsonNode, AlertProperties, Parsed> reader) {
        this.path = path;
        this.reader = reader;
    }

    /** The format served at a path segment such as "alertmanager", or empty when there is none. */
    public static Optional<AlertFormat> byPath(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        String wanted = segment.strip().toLowerCase(Locale.ROOT);
        for (AlertFormat format : values()) {
            if (format.path.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The path segment this format is served at. */
    public String path() {
        return path;
    }

    /**
     * Reads one webhook body.
     *
     * @throws BadPayload when the body is not what this sender sends, with a sentence saying what is wrong
     */
    public Parsed parse(JsonNode body, AlertProperties settings) {
        if (body == null || body.isMissingNode()) {
            throw new BadPayload("The webhook body is empty; it must be a JSON object.");
        }
        if (!body.isObject()) {
            throw new BadPayload("The webhook body must be a JSON object, not " + kind(body) + ".");
        }
        return reader.apply(body, settings);
    }

    private static String kind(JsonNode body) {
        return switch (body.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "another kind of value";
        };
    }

    /**
     * What one webhook said.
     *
     * @param deliveryId the sender's own id for this delivery, so a redelivery can be recognized, or null when
     *                   the format has none
     * @param signals    the alerts that fired or resolved, in the order sent
     * @param ignored    how many notifications were understood but neither fire nor resolve anything, such as
     *                   an acknowledgement
     */
    public record Parsed(String deliveryId, List<AlertSignal> signals, int ignored) {

        public Parsed {
            signals = List.copyOf(signals);
        }
    }
}
