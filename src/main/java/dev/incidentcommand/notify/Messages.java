package dev.incidentcommand.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.incidentcommand.command.CommandEvent.ResponderJoined;
import dev.incidentcommand.command.CommandEvent.ResponderPaged;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.timeline.EventDetails;
import dev.incidentcommand.timeline.EventJson;
import tools.jackson.databind.json.JsonMapper;

/** What each kind of channel is sent about one event, rendered when the event is appended. */
final class Messages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One event as a notification tells it: the incident as the change left it, the event, who
     * did it, and whom it concerns.
     *
     * @param paged the responders paged on the incident so far (a paging service resolves their pages)
     */
    record Told(Incident incident, String commander, int sequence, EventDetails event, String summary, String actor,
                Instant at, List<String> addressedTo, List<String> paged) {
    }

    /** One message ready to send, under its delivery id. */
    record Rendered(UUID deliveryId, String body) {
    }

    private Messages() {
    }

    static List<Rendered> render(NotificationChannel channel, Told told) {
        return switch (channel.kind()) {
            case WEBHOOK -> List.of(webhook(channel, told));
            case SLACK_WEBHOOK -> List.of(new Rendered(UUID.randomUUID(), JSON.writeValueAsString(Map.of("text", slack(told)))));
            case PAGERDUTY_EVENTS -> pagerDuty(channel, told);
        };
    }

    private static Rendered webhook(NotificationChannel channel, Told told) {
        UUID id = UUID.randomUUID();
        Incident incident = told.incident();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("key", incident.key());
        about.put("title", incident.title());
        about.put("severity", incident.severity());
        about.put("status", incident.status());
        about.put("commander", told.commander());
        about.put("callUrl", incident.callUrl());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sequence", told.sequence());
        event.put("kind", told.event().eventKind());
        event.put("at", told.at().toString());
        event.put("actor", told.actor());
        event.put("summary", told.summary());
        event.put("details", EventJson.readMap(EventJson.write(told.event())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", id.toString());
        body.put("channel", channel.name());
        body.put("incident", about);
        body.put("event", event);
        body.put("addressedTo", told.addressedTo());
        return new Rendered(id, JSON.writeValueAsString(body));
    }

    /** Chat text: the incident in bold, what happened, and whom it is for. */
    static String slack(Told told) {
        Incident incident = told.incident();
        String text = "*" + escape(incident.key() + " " + incident.title()) + "* (" + incident.severity() + ", "
                + incident.status() + ")\n" + escape(told.summary());
        return told.addressedTo().isEmpty() ? text
                : text + "\nFor " + String.join(", ", told.addressedTo().stream().map(handle -> "@" + escape(handle)).toList());
    }

    /** Slack reads &, < and > as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Pages trigger an alert per paged responder, joining acknowledges it, resolving the incident
     * resolves them all; each keyed by incident and responder so PagerDuty ties them together.
     */
    private static List<Rendered> pagerDuty(NotificationChannel channel, Told told) {
        Incident incident = told.incident();
        List<Rendered> events = new ArrayList<>();
        if (told.event() instanceof ResponderPaged paged) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", cut("Paged for " + incident.key() + " (" + incident.severity() + "): " + incident.title()
                    + (paged.reason() == null ? "" : " – " + paged.reason()), 1024));
            payload.put("source", "incident-command");
            payload.put("severity", pagerDutySeverity(incident.severity()));
            payload.put("custom_details", Map.of("incident", incident.key(), "responder", paged.responder(),
                    "pagedBy", told.actor()));
            events.add(pagerDutyEvent(channel, "trigger", incident, paged.responder(), payload));
        } else if (told.event() instanceof ResponderJoined joined) {
            events.add(pagerDutyEvent(channel, "acknowledge", incident, joined.responder(), null));
        } else if (told.event() instanceof StatusChanged changed && changed.to() == IncidentStatus.RESOLVED) {
            told.paged().forEach(responder -> events.add(pagerDutyEvent(channel, "resolve", incident, responder, null)));
        }
        return events;
    }

    private static Rendered pagerDutyEvent(NotificationChannel channel, String action, Incident incident, String responder,
                                           Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", channel.secret());
        body.put("event_action", action);
        body.put("dedup_key", incident.key() + "/" + responder);
        if (payload != null) {
            body.put("payload", payload);
        }
        return new Rendered(UUID.randomUUID(), JSON.writeValueAsString(body));
    }

    private static String pagerDutySeverity(Severity severity) {
        return switch (severity) {
            case SEV1 -> "critical";
            case SEV2 -> "error";
            case SEV3 -> "warning";
            default -> "info";
        };
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
