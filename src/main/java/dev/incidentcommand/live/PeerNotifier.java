package dev.incidentcommand.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 */
@Component
class PeerNotifier {

    private static final Logger log = LoggerFactory.getLogger(PeerNotifier.class);
    /** PostgreSQL's limit is 8000 bytes; stay clear of it. */
    private static final int MAX_PAYLOAD = 7_000;

    private final DatabaseClient db;
    private final LiveProperties properties;
    private final Map<Long, Integer> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Counter sent;

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
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (Long incidentId : new ArrayList<>(pending.keySet())) {
            Integer sequence = pending.remove(incidentId);
            String entry = incidentId + ":" + sequence;
            if (payload.length() + entry.length() + 1 > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.isEmpty() ? "" : ",").append(entry);
        }
        if (!payload.isEmpty()) {
            payloads.add(payload.toString());
        }
        return Flux.fromIterable(payloads)
                .concatMap(text -> db.sql("SELECT pg_notify(:channel, :payload)")
                        .bind("channel", properties.channel())
                        .bind("payload", text)
                        .then()
                        .doOnSuccess(done -> sent.increment()))
                .then();
    }

    /** Reads a payload written by {@link #flush()}. */
    static void parse(String payload, PositionConsumer consumer) {
        for (String entry : payload.split(",")) {
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
