package dev.incidentcommand.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.incidentcommand.timeline.TimelineEventKind;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The notification_channel table. Every change asks which channels want its events, so the
 * channels in use are kept in memory for a short while ({@code channels-for}) instead of being
 * read in every transaction; a channel added on another instance is used within that time.
 */
@Repository
class ChannelRepository {

    private record Snapshot(List<NotificationChannel> channels, Instant readAt) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final NotificationProperties settings;
    private final AtomicReference<Snapshot> inUse = new AtomicReference<>();

    ChannelRepository(DatabaseClient db, Clock clock, NotificationProperties settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** The channels in use, as of at most {@code channels-for} ago. */
    Mono<List<NotificationChannel>> inUse() {
        Snapshot known = inUse.get();
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.readAt().plus(settings.channelsFor()))) {
            return Mono.just(known.channels());
        }
        return all(false).doOnNext(channels -> inUse.set(new Snapshot(channels, now)));
    }

    Mono<List<NotificationChannel>> all(boolean includeRemoved) {
        return db.sql("SELECT * FROM notification_channel" + (includeRemoved ? "" : " WHERE removed_at IS NULL") + " ORDER BY id")
                .map(ChannelRepository::map)
                .all()
                .collectList();
    }

    Mono<NotificationChannel> find(long id) {
        return db.sql("SELECT * FROM notification_channel WHERE id = :id").bind("id", id).map(ChannelRepository::map).one();
    }

    /** Empty when a channel in use already has this name. */
    Mono<NotificationChannel> insert(String name, ChannelKind kind, String url, Set<TimelineEventKind> events, String secret,
                                     long createdById, Instant at) {
        return db.sql("""
                        INSERT INTO notification_channel (name, kind, url, events, secret, created_at, created_by_id)
                        VALUES (:name, :kind, :url, :events, :secret, :at, :by)
                        ON CONFLICT (name) WHERE removed_at IS NULL DO NOTHING
                        RETURNING *""")
                .bind("name", name)
                .bind("kind", kind.name())
                .bind("url", url)
                .bind("events", events.stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("secret", Parameter.fromOrEmpty(secret, String.class))
                .bind("at", at)
                .bind("by", createdById)
                .map(ChannelRepository::map)
                .one()
                .doOnNext(created -> forget());
    }

    Mono<NotificationChannel> remove(long id, Instant at) {
        return db.sql("UPDATE notification_channel SET removed_at = :at WHERE id = :id AND removed_at IS NULL RETURNING *")
                .bind("id", id)
                .bind("at", at)
                .map(ChannelRepository::map)
                .one()
                .doOnNext(removed -> forget());
    }

    Mono<Void> delivered(long id, Instant at) {
        return db.sql("""
                        UPDATE notification_channel
                        SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, last_delivered_at = :at
                        WHERE id = :id""")
                .bind("id", id)
                .bind("at", at)
                .then();
    }

    Mono<Void> failed(long id, Instant at, String error) {
        return db.sql("""
                        UPDATE notification_channel
                        SET consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, :at),
                            last_error = :error
                        WHERE id = :id""")
                .bind("id", id)
                .bind("at", at)
                .bind("error", error)
                .then();
    }

    /** The next look at the channels reads them again. */
    void forget() {
        inUse.set(null);
    }

    static NotificationChannel map(Readable row) {
        String[] events = row.get("events", String[].class);
        return new NotificationChannel(
                row.get("id", Long.class),
                row.get("name", String.class),
                ChannelKind.valueOf(row.get("kind", String.class)),
                row.get("url", String.class),
                Arrays.stream(events).map(TimelineEventKind::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(TimelineEventKind.class))),
                row.get("secret", String.class),
                row.get("created_at", Instant.class),
                row.get("created_by_id", Long.class),
                row.get("consecutive_failures", Integer.class),
                row.get("failing_since", Instant.class),
                row.get("last_error", String.class),
                row.get("last_delivered_at", Instant.class),
                row.get("removed_at", Instant.class));
    }
}
