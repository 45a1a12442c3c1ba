package dev.incidentcommand.alert;

import java.util.ArrayList;
import java.util.List;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import dev.incidentcommand.incident.AlertSignal;
import dev.incidentcommand.incident.Severity;
import tools.jackson.databind.JsonNode;

/**
 * Our own webhook, for any sender without a format here: a script or a tool whose webhook body can be templated.
 * <pre>
 * {"deliveryId": "optional, lets a redelivery be recognized",
 *  "alerts": [{"status": "firing" or "resolved", "key": "the sender's deduplication key",
 *              "title": "needed when firing", "severity": "SEV1".."SEV5" or a word from the mapping,
 *              "url": "an http(s) link", "description": "more detail"}]}
 * </pre>
 * Every entry of {@code alerts} is one signal; a severity that is neither one of ours nor a mapped word
 * becomes the default.
 */
final class GenericFormat {

    private GenericFormat() {
    }

    static Parsed parse(JsonNode body, AlertProperties settings) {
        String deliveryId = Fields.key(Fields.text(body, "deliveryId"), "deliveryId", "The webhook");
        List<JsonNode> alerts = Fields.alerts(body, "A generic webhook");
        List<AlertSignal> signals = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            String subject = Fields.position(i);
            boolean firing = Fields.firing(alert, subject);
            String key = Fields.key(Fields.required(alert, "key", subject), "key", subject);
            String title = Fields.text(alert, "title");
            if (firing && title == null) {
                throw new BadPayload(subject + " is firing but has no 'title'.");
            }
            signals.add(new AlertSignal(
                    firing,
                    key,
                    Fields.title(title),
                    severity(Fields.text(alert, "severity"), settings),
                    Fields.link(Fields.text(alert, "url")),
                    Fields.description(Fields.text(alert, "description"))));
        }
        return new Parsed(deliveryId, signals, 0);
    }

    private static Severity severity(String word, AlertProperties settings) {
        if (word != null) {
            for (Severity severity : Severity.values()) {
                if (severity.name().equalsIgnoreCase(word)) {
                    return severity;
                }
            }
        }
        return settings.severityOf(word);
    }
}
