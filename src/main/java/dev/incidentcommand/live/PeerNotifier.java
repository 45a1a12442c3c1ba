package dev.incidentcommand.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.incidentcommand.timeline.TimelineAppended;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wakes the other instances after this one commits. A NOTIFY takes a database-wide lock at
 * commit, so it is never sent inside a mutation's transaction but in one of its own, carrying
 * {@code incidentId:sequence} pairs. The first commit after a quiet spell is announced at once;
 * while NOTIFYs are being sent, commits gather and go out together, at most one NOTIFY per
 * {@code notifyDelay}. A lost NOTIFY costs latency only; the catch-up finds the events.
 *
 * <p>Each payload starts with this instance's name, because PostgreSQL delivers a NOTIFY to its
 * sender's LISTEN connection too: the sender already woke its feed at commit, and waking it again
 * while that read is on its way would read the incident once more for nothing.
 */
@Component
class PeerNotifier {

    private static final Logger log = LoggerFactory.getLogger(PeerNotifier.class);
    /** PostgreSQL's limit is 8000 bytes; stay clear of it. */
    private static final int MAX_PAYLOAD = 7_000;
    /** Separates the sending instance's name from the positions. */
    static final char FROM = '|';

    private final DatabaseClient db;
    private final LiveProperties properties;
    private final Map<Long, Integer> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Counter sent;
    /** This instance among those on the database: random, so no configuration can make two alike. */
    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

    PeerNotifier(DatabaseClient db, LiveProperties properties, MeterRegistry meters) {
        this.db = db;
        this.properties = properties;
        this.sent = Counter.builder("incident_command.live.peer_notifications")
                .description("NOTIFYs sent to wake the other instances, each carrying the commits gathered since the last")
                .register(meters);
    }

    @EventListener
    void onLocalCommit(TimelineAppended appended) {
        pending.merge(appended.incidentId(), appended.lastSequence(), Math::max);
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        Mono.defer(this::flush)
                .then(Mono.delay(properties.notifyDelay()))
                .doFinally(signal -> {
                    scheduled.set(false);
                    if (!pending.isEmpty()) {
                        schedule();
                    }
                })
                .subscribe(null, error -> log.warn("Could not notify other instances; they catch up on their own: {}",
                        error.toString()));
    }

    private Mono<Void> flush() {
        Map<Long, Integer> positions = new HashMap<>();
        for (Long incidentId : new ArrayList<>(pending.keySet())) {
            positions.put(incidentId, pending.remove(incidentId));
        }
        return Flux.fromIterable(payloads(instance, positions))
                .concatMap(text -> db.sql("SELECT pg_notify(:channel, :payload)")
                        .bind("channel", properties.channel())
                        .bind("payload", text)
                        .then()
                        .doOnSuccess(done -> sent.increment()))
                .then();
    }

    /** The positions as NOTIFY payloads from {@code instance}: {@code instance|id:sequence,id:sequence}, each under the size limit. */
    static List<String> payloads(String instance, Map<Long, Integer> positions) {
        List<String> payloads = new ArrayList<>();
        String from = instance + FROM;
        StringBuilder payload = new StringBuilder(from);
        positions.forEach((incidentId, sequence) -> {
            String entry = incidentId + ":" + sequence;
            if (payload.length() + entry.length() + 1 > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
                payload.append(from);
            }
            payload.append(payload.length() == from.length() ? "" : ",").append(entry);
        });
        if (payload.length() > from.length()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** Reads a payload written by {@link #flush()} of another instance; this instance's own are skipped. */
    void parse(String payload, PositionConsumer consumer) {
        parse(instance, payload, consumer);
    }

    /**
     * Hands {@code reader} the positions in a payload unless it sent the payload itself. A payload
     * without a sender (from an instance older than the sender's name) is read as well.
     */
    static void parse(String reader, String payload, PositionConsumer consumer) {
        int from = payload.indexOf(FROM);
        if (from == reader.length() && payload.startsWith(reader)) {
            return;
        }
        for (String entry : payload.substring(from + 1).split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                try {
                    consumer.accept(Long.parseLong(entry.substring(0, colon)), Integer.parseInt(entry.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    log.debug("Ignoring malformed notification entry '{}'", entry);
                }
            }
        }
    }

    interface PositionConsumer {
        void accept(long incidentId, int sequence);
    }
}
