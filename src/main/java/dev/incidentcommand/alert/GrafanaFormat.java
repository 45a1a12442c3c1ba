package dev.incidentcommand.alert;

import java.util.List;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import tools.jackson.databind.JsonNode;

/**
 * Grafana's unified alerting webhook, which has Alertmanager's shape with a few additions, so it is read by
 * the same rules (see {@link AlertmanagerFormat}) with two differences: any version is accepted, since
 * Grafana numbers its payload on its own scale, and the link is the first usable of {@code panelURL},
 * {@code dashboardURL} and {@code generatorURL}, because a panel or dashboard shows the problem best and
 * Grafana leaves the first two empty for alerts not tied to one.
 */
final class GrafanaFormat {

    /** Where to look for the link, best first. */
    private static final List<String> LINKS = List.of("panelURL", "dashboardURL", "generatorURL");

    private GrafanaFormat() {
    }

    static Parsed parse(JsonNode body, AlertProperties settings) {
        return new Parsed(null, AlertmanagerFormat.signals(body, settings, "A Grafana webhook", GrafanaFormat::link), 0);
    }

    private static String link(JsonNode alert) {
        for (String field : LINKS) {
            String link = Fields.link(Fields.text(alert, field));
            if (link != null) {
                return link;
            }
        }
        return null;
    }
}
