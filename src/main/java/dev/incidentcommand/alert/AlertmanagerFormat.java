package dev.incidentcommand.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import dev.incidentcommand.incident.AlertSignal;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus Alertmanager's webhook (version 4), a group of alerts that each fire or resolve.
 * <ul>
 * <li>Each entry of {@code alerts} is one signal, firing when its {@code status} is "firing" and resolved
 * when it is "resolved"; its {@code fingerprint} is the key and must be there.</li>
 * <li>The title is the {@code summary} annotation; without one, the {@code alertname} label with the
 * {@code job} and {@code instance} labels that tell its copies apart; without that, the fingerprint.</li>
 * <li>The severity is the word in the configured severity label; the link is {@code generatorURL}; the
 * description is the {@code description} annotation.</li>
 * <li>Alertmanager sends no delivery id. A body saying another version than "4" is refused, since its
 * shape may differ; one saying none is read as version 4.</li>
 * </ul>
 * Grafana sends the same shape (see {@link GrafanaFormat}).
 */
final class AlertmanagerFormat {

    private static final List<String> IDENTIFYING_LABELS = List.of("job", "instance");

    private AlertmanagerFormat() {
    }

    static Parsed parse(JsonNode body, AlertProperties settings) {
        String version = Fields.text(body, "version");
        if (version != null && !version.equals("4")) {
            throw new BadPayload("Only version 4 of the Alertmanager webhook is understood, but this one says version "
                    + Fields.quote(version) + ".");
        }
        return new Parsed(null, signals(body, settings, "An Alertmanager webhook",
                alert -> Fields.link(Fields.text(alert, "generatorURL"))), 0);
    }

    /**
     * The signals of an Alertmanager-shaped body.
     *
     * @param sender how messages name the webhook, as in "An Alertmanager webhook"
     * @param linkOf the link of one alert, or null
     */
    static List<AlertSignal> signals(JsonNode body, AlertProperties settings, String sender,
                                     Function<JsonNode, String> linkOf) {
        List<JsonNode> alerts = Fields.alerts(body, sender);
        List<AlertSignal> signals = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            String subject = Fields.position(i);
            boolean firing = Fields.firing(alert, subject);
            String fingerprint = Fields.key(Fields.required(alert, "fingerprint", subject), "fingerprint", subject);
            JsonNode labels = alert.path("labels");
            JsonNode annotations = alert.path("annotations");
            signals.add(new AlertSignal(
                    firing,
                    fingerprint,
                    Fields.title(title(annotations, labels, fingerprint)),
                    settings.severityOf(Fields.text(labels, settings.severityLabel())),
                    linkOf.apply(alert),
                    Fields.description(Fields.text(annotations, "description"))));
        }
        return signals;
    }

    private static String title(JsonNode annotations, JsonNode labels, String fingerprint) {
        String summary = Fields.text(annotations, "summary");
        if (summary != null) {
            return summary;
        }
        String name = Fields.text(labels, "alertname");
        if (name == null) {
            return fingerprint;
        }
        StringJoiner identity = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (String label : IDENTIFYING_LABELS) {
            String value = Fields.text(labels, label);
            if (value != null) {
                identity.add(label + "=" + value);
            }
        }
        return name + identity;
    }
}
