package dev.incidentcommand.alert;

import java.util.List;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import dev.incidentcommand.incident.AlertSignal;
import dev.incidentcommand.incident.Severity;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's v3 webhook, one event about one PagerDuty incident.
 * <ul>
 * <li>The event's {@code id} is the delivery id. An incident triggered or reopened fires, one resolved
 * resolves; every other event (acknowledged, reassigned, annotated...) is counted as ignored.</li>
 * <li>The key is the incident's {@code id}, which must be there; the title its {@code title}; the link its
 * {@code html_url}; the description names its number and service.</li>
 * <li>The severity is the incident's priority (such as "P1") when the mapping knows it, else its urgency:
 * high is SEV2 and low SEV4; else the default.</li>
 * </ul>
 */
final class PagerDutyFormat {

    private static final String EVENT = "The PagerDuty event";
    private static final String INCIDENT = "The PagerDuty incident";

    private PagerDutyFormat() {
    }

    static Parsed parse(JsonNode body, AlertProperties settings) {
        JsonNode event = body.path("event");
        if (!event.isObject()) {
            throw new BadPayload("A PagerDuty webhook needs an 'event' object; only v3 webhooks are understood.");
        }
        String deliveryId = Fields.key(Fields.text(event, "id"), "id", EVENT);
        String type = Fields.required(event, "event_type", EVENT);
        Boolean firing = switch (type) {
            case "incident.triggered", "incident.reopened" -> true;
            case "incident.resolved" -> false;
            default -> null;
        };
        if (firing == null) {
            return new Parsed(deliveryId, List.of(), 1);
        }
        JsonNode incident = event.path("data");
        if (!incident.isObject()) {
            throw new BadPayload(EVENT + " " + Fields.quote(type) + " needs a 'data' object describing the incident.");
        }
        String id = Fields.key(Fields.required(incident, "id", INCIDENT), "id", INCIDENT);
        String title = Fields.text(incident, "title");
        return new Parsed(deliveryId, List.of(new AlertSignal(
                firing,
                id,
                Fields.title(title == null ? "PagerDuty incident " + id : title),
                severity(incident, settings),
                Fields.link(Fields.text(incident, "html_url")),
                Fields.description(description(incident)))), 0);
    }

    private static Severity severity(JsonNode incident, AlertProperties settings) {
        return settings.mapped(Fields.text(incident.path("priority"), "summary")).orElseGet(() -> {
            String urgency = Fields.text(incident, "urgency");
            if ("high".equalsIgnoreCase(urgency)) {
                return Severity.SEV2;
            }
            if ("low".equalsIgnoreCase(urgency)) {
                return Severity.SEV4;
            }
            return settings.defaultSeverity();
        });
    }

    private static String description(JsonNode incident) {
        String number = Fields.text(incident, "number");
        String service = Fields.text(incident.path("service"), "summary");
        return "PagerDuty incident" + (number == null ? "" : " #" + number) + (service == null ? "" : " on " + service);
    }
}
