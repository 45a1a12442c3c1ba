package dev.incidentcommand.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The notification table: notifications written with the events they tell about, then claimed,
 * sent and settled one at a time per channel and incident, in order.
 */
@Repository
class Outbox {

    /** A notification to send: {@code body} is exactly what goes over the wire. */
    record Notification(long id, UUID deliveryId, long channelId, long incidentId, int sequence, String body, int attempts) {
    }

    /** A notification about to be written. */
    record NewNotification(long channelId, long incidentId, int sequence, String body, UUID deliveryId) {
    }

    /** What a channel has not delivered yet. */
    record Backlog(long pending, Instant oldest) {
    }

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(List<NewNotification> notifications, Instant at) {
        if (notifications.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < notifications.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:delivery").append(i).append(", :channel").append(i)
                    .append(", :incident").append(i).append(", :sequence").append(i).append(", :body").append(i)
                    .append(", :at, :at)");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO notification (delivery_id, channel_id, incident_id, sequence, body, created_at, next_attempt_at)
                        VALUES """ + values)
                .bind("at", at);
        for (int i = 0; i < notifications.size(); i++) {
            NewNotification notification = notifications.get(i);
            spec = spec.bind("delivery" + i, notification.deliveryId())
                    .bind("channel" + i, notification.channelId())
                    .bind("incident" + i, notification.incidentId())
                    .bind("sequence" + i, notification.sequence())
                    .bind("body" + i, notification.body());
        }
        return spec.then();
    }

    /**
     * Claims up to {@code limit} notifications that may be sent now: each the oldest one not yet
     * delivered for its channel and incident, due, and not held by another sender. Other instances
     * skip what is claimed; a claim lapses after {@code lease}, should its sender die.
     */
    Mono<List<Notification>> claim(Instant now, Duration lease, int limit) {
        return db.sql("""
                        WITH head AS (
                            SELECT DISTINCT ON (channel_id, incident_id) id FROM notification
                            WHERE delivered_at IS NULL AND discarded_at IS NULL
                            ORDER BY channel_id, incident_id, id
                        ), due AS (
                            SELECT n.id FROM notification n JOIN head ON head.id = n.id
                            WHERE n.next_attempt_at <= :now AND (n.claimed_until IS NULL OR n.claimed_until <= :now)
                            ORDER BY n.id LIMIT :limit
                            FOR UPDATE OF n SKIP LOCKED
                        )
                        UPDATE notification SET claimed_until = :until, attempts = attempts + 1
                        FROM due WHERE notification.id = due.id
                        RETURNING notification.*""")
                .bind("now", now)
                .bind("until", now.plus(lease))
                .bind("limit", limit)
                .map(Outbox::map)
                .all()
                .collectList();
    }

    Mono<Void> delivered(long id, Instant at) {
        return db.sql("UPDATE notification SET delivered_at = :at, claimed_until = NULL, last_error = NULL WHERE id = :id")
                .bind("id", id)
                .bind("at", at)
                .then();
    }

    Mono<Void> failed(long id, Instant retryAt, String error) {
        return db.sql("UPDATE notification SET next_attempt_at = :retry, claimed_until = NULL, last_error = :error WHERE id = :id")
                .bind("id", id)
                .bind("retry", retryAt)
                .bind("error", error)
                .then();
    }

    /** Gives up on everything a channel has not delivered; emits how many. */
    Mono<Long> discard(long channelId, Instant at) {
        return db.sql("""
                        UPDATE notification SET discarded_at = :at, claimed_until = NULL
                        WHERE channel_id = :channel AND delivered_at IS NULL AND discarded_at IS NULL""")
                .bind("channel", channelId)
                .bind("at", at)
                .fetch().rowsUpdated();
    }

    /** Everything not delivered yet, on all channels. */
    Mono<Long> pending() {
        return db.sql("SELECT count(*) AS n FROM notification WHERE delivered_at IS NULL AND discarded_at IS NULL")
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** What each channel has not delivered yet, by channel id. */
    Mono<Map<Long, Backlog>> backlogs() {
        return db.sql("""
                        SELECT channel_id, count(*) AS pending, min(created_at) AS oldest FROM notification
                        WHERE delivered_at IS NULL AND discarded_at IS NULL GROUP BY channel_id""")
                .map(row -> Map.entry(row.get("channel_id", Long.class),
                        new Backlog(row.get("pending", Long.class), row.get("oldest", Instant.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Notification map(Readable row) {
        return new Notification(
                row.get("id", Long.class),
                row.get("delivery_id", UUID.class),
                row.get("channel_id", Long.class),
                row.get("incident_id", Long.class),
                row.get("sequence", Integer.class),
                row.get("body", String.class),
                row.get("attempts", Integer.class));
    }
}
