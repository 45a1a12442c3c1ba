package dev.incidentcommand.alert;

import java.util.List;
import java.util.Locale;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import dev.incidentcommand.incident.AlertSignal;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie's outgoing webhook, one action on one alert.
 * <ul>
 * <li>Creating an alert fires it and closing it resolves it; every other action (acknowledge, add note,
 * escalate...) is counted as ignored. Opsgenie sends no delivery id.</li>
 * <li>The key is the alert's {@code alias} when it has one, since that is what the sender deduplicates by,
 * else its {@code alertId}.</li>
 * <li>The title is its {@code message}, the severity its {@code priority} ("P1" to "P5") through the
 * mapping, the description its {@code description}. Opsgenie sends no link that opens the alert.</li>
 * </ul>
 */
final class OpsgenieFormat {

    private static final String ALERT = "The Opsgenie alert";

    private OpsgenieFormat() {
    }

    static Parsed parse(JsonNode body, AlertProperties settings) {
        String action = Fields.required(body, "action", "The Opsgenie webhook");
        Boolean firing = switch (action.toLowerCase(Locale.ROOT)) {
            case "create" -> true;
            case "close" -> false;
            default -> null;
        };
        if (firing == null) {
            return new Parsed(null, List.of(), 1);
        }
        JsonNode alert = body.path("alert");
        if (!alert.isObject()) {
            throw new BadPayload("An Opsgenie " + Fields.quote(action) + " webhook needs an 'alert' object.");
        }
        String alias = Fields.text(alert, "alias");
        String key = alias != null
                ? Fields.key(alias, "alias", ALERT)
                : Fields.key(Fields.text(alert, "alertId"), "alertId", ALERT);
        if (key == null) {
            throw new BadPayload(ALERT + " has neither an 'alias' nor an 'alertId'.");
        }
        String message = Fields.text(alert, "message");
        String tinyId = Fields.text(alert, "tinyId");
        String title = message != null ? message : "Opsgenie alert " + (tinyId != null ? "#" + tinyId : key);
        return new Parsed(null, List.of(new AlertSignal(
                firing,
                key,
                Fields.title(title),
                settings.severityOf(Fields.text(alert, "priority")),
                null,
                Fields.description(Fields.text(alert, "description")))), 0);
    }
}
