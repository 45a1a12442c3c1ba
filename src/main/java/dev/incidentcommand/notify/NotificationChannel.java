package dev.incidentcommand.notify;

import java.time.Instant;
import java.util.Set;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.timeline.TimelineEventKind;

/**
 * A place people are told about incidents, as stored, with how its deliveries have been going.
 *
 * @param secret              signs WEBHOOK bodies, or is the PAGERDUTY_EVENTS routing key; never shown
 * @param consecutiveFailures deliveries failed in a row since the last one that worked
 */
public record NotificationChannel(long id, String name, ChannelKind kind, String url, Set<TimelineEventKind> events,
                                  String secret, Instant createdAt, long createdById, int consecutiveFailures,
                                  Instant failingSince, String lastError, Instant lastDeliveredAt, Instant removedAt) implements Ids.Row {

    boolean wants(TimelineEventKind kind) {
        return removedAt == null && events.contains(kind);
    }
}
