package dev.incidentcommand.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.incidentcommand.common.Periodically;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.timeline.TimelineAppended;
import dev.incidentcommand.timeline.TimelineEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This instance's reader of the timeline table, shared by all its subscribers.
 *
 * <p>It remembers, per incident, the last sequence it has handed out. Anything that suggests an
 * incident moved on (a local commit, a NOTIFY from another instance, the periodic catch-up) only
 * marks the incident dirty; a single reader then fetches every dirty incident's new events, with
 * the incidents as they stand, in one query and offers each event once to every subscriber that
 * follows its incident. Because changes to one incident commit in sequence order, reading
 * {@code sequence > last handed out} never skips an event, and a lost wake-up only delays events
 * until the next catch-up.
 *
 * <p>Subscriptions are kept by the incidents they follow, so an event costs the feed its own
 * incident's followers (and those following every incident), not every open subscription: with
 * thousands of boards each watching one incident, most would otherwise be asked about each event
 * only to decline it.
 */
@Component
public class TimelineFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimelineFeed.class);

    /** Started before the web server (and stopped after it), so no subscriber comes too early. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final IncidentRepository incidents;
    private final LiveProperties properties;
    private final Clock clock;

    private final Map<Long, Integer> delivered = new ConcurrentHashMap<>();
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Set<FeedSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** The open subscriptions that follow named incidents, under each of them. */
    private final Map<Long, Set<FeedSubscription>> following = new ConcurrentHashMap<>();
    /** The open subscriptions that follow every incident (and may filter on what the incident is). */
    private final Set<FeedSubscription> everywhere = ConcurrentHashMap.newKeySet();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong handedOut = new AtomicLong();
    private final Timer lag;
    private volatile boolean running;
    private Disposable catchUp;
    /**
     * The thread events are handed out on. The read completes on a database connection's event
     * loop, which also answers other queries (mutations' commits among them); handing an event to
     * thousands of subscribers there would hold those answers up for as long as it takes.
     */
    private Scheduler handing;

    TimelineFeed(IncidentRepository incidents, LiveProperties properties, Clock clock, MeterRegistry meters) {
        this.lag = Timer.builder("incident_command.live.lag")
                .description("From a change being made to its events being handed to subscribers")
                .publishPercentileHistogram()
                .register(meters);
        this.incidents = incidents;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts following from where every incident stands now: only later events are handed out. */
    @Override
    public void start() {
        incidents.positions()
                .doOnNext(position -> delivered.put(position.incidentId(), position.lastSequence()))
                .then()
                .block(Duration.ofMinutes(1));
        handing = Schedulers.newSingle("live-feed", true);
        running = true;
        catchUp = Periodically.run("Live feed catch-up", properties.catchUpInterval(), properties.catchUpInterval(),
                this::catchUp);
        log.info("Live feed following {} incidents", delivered.size());
    }

    @Override
    public void stop() {
        running = false;
        if (catchUp != null) {
            catchUp.dispose();
        }
        restarting();
        if (handing != null) {
            handing.dispose();
        }
    }

    /** Ends every subscription with a message telling its client to subscribe again, elsewhere or later. */
    void restarting() {
        subscriptions.forEach(subscription -> subscription.close(new Restarting(
                "The server is restarting: subscribe again to continue.")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @EventListener
    void onLocalCommit(TimelineAppended appended) {
        wake(appended.incidentId(), appended.lastSequence());
    }

    /** The incident's timeline reached {@code sequence}; read it unless already handed out. */
    public void wake(long incidentId, int sequence) {
        Integer known = delivered.get(incidentId);
        if (known != null && known >= sequence) {
            return;
        }
        if (subscriptions.isEmpty()) {
            // Nobody to hand events to: note where the incident stands instead of reading its events.
            delivered.merge(incidentId, sequence, Math::max);
            return;
        }
        dirty.add(incidentId);
        read();
    }

    /** Compares positions in the table with what was handed out, to recover lost wake-ups. */
    public Mono<Void> catchUp() {
        return incidents.positionsChangedSince(clock.instant().minus(properties.catchUpWindow()))
                .doOnNext(position -> wake(position.incidentId(), position.lastSequence()))
                .then();
    }

    /**
     * Subscribes to the events of {@code incidents} (of every incident when empty) that pass the
     * filter, from the next read on.
     */
    FeedSubscription subscribe(Set<Long> incidents, Predicate<Broadcast> filter) {
        Set<Long> followed = Set.copyOf(incidents);
        FeedSubscription[] self = new FeedSubscription[1];
        self[0] = new FeedSubscription(filter, properties.subscriberBuffer(), () -> leave(self[0], followed));
        subscriptions.add(self[0]);
        if (followed.isEmpty()) {
            everywhere.add(self[0]);
        }
        // compute: a set emptied and dropped by a leaving subscriber is never joined by a new one
        followed.forEach(incidentId -> following.compute(incidentId, (id, followers) -> {
            Set<FeedSubscription> joined = followers != null ? followers : ConcurrentHashMap.newKeySet();
            joined.add(self[0]);
            return joined;
        }));
        return self[0];
    }

    /** Removes an ended subscription; a subscription may end from two threads at once, so only the first removal counts. */
    private void leave(FeedSubscription subscription, Set<Long> followed) {
        if (!subscriptions.remove(subscription)) {
            return;
        }
        everywhere.remove(subscription);
        followed.forEach(incidentId -> following.computeIfPresent(incidentId, (id, followers) -> {
            followers.remove(subscription);
            return followers.isEmpty() ? null : followers;
        }));
    }

    int subscriberCount() {
        return subscriptions.size();
    }

    /** Events read from the table since start: one read per event, however many subscribers. */
    long eventsRead() {
        return eventsRead.get();
    }

    /** The sum of every incident's handed-out position: grows by one for each event handed out (while anyone subscribes). */
    long positionsTotal() {
        return delivered.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Events handed to subscribers since start: one per event and subscriber that wanted it. */
    long handedOut() {
        return handedOut.get();
    }

    private void read() {
        if (!running || !reading.compareAndSet(false, true)) {
            return;
        }
        Mono.defer(this::readOnce)
                .repeat(() -> !dirty.isEmpty())
                .doFinally(signal -> {
                    reading.set(false);
                    if (!dirty.isEmpty()) {
                        read();
                    }
                })
                .subscribe(null, error -> log.warn("Live feed read failed; the next catch-up retries: {}", error.toString()));
    }

    private Mono<Void> readOnce() {
        Map<Long, Integer> after = new HashMap<>();
        for (Long incidentId : new ArrayList<>(dirty)) {
            dirty.remove(incidentId);
            after.put(incidentId, delivered.getOrDefault(incidentId, 0));
        }
        if (after.isEmpty()) {
            return Mono.empty();
        }
        return incidents.eventsAfter(after, properties.readBatch())
                .filter(read -> !read.events().isEmpty())
                .doOnNext(read -> {
                    if (read.events().size() == properties.readBatch()) {
                        dirty.addAll(after.keySet());
                    }
                })
                .publishOn(handing)
                .doOnNext(read -> handOut(read.events(), read.incidents()))
                .then();
    }

    private void handOut(List<TimelineEvent> events, Map<Long, Incident> incidentsById) {
        eventsRead.addAndGet(events.size());
        Instant now = clock.instant();
        Map<Long, List<TimelineEvent>> byIncident = new LinkedHashMap<>();
        events.forEach(event -> byIncident.computeIfAbsent(event.incidentId(), id -> new ArrayList<>()).add(event));
        byIncident.forEach((incidentId, list) -> {
            Shared<Incident> incident = Shared.of(incidentsById.get(incidentId));
            Set<FeedSubscription> followers = following.getOrDefault(incidentId, Set.of());
            boolean resolved = list.stream().anyMatch(TimelineFeed::resolves);
            for (int i = 0; i < list.size(); i++) {
                TimelineEvent event = list.get(i);
                delivered.merge(incidentId, event.sequence(), Math::max);
                lag.record(Duration.between(event.at(), now));
                Broadcast broadcast = new Broadcast(Shared.of(event), incident, i == list.size() - 1, resolved);
                handedOut.addAndGet(offer(followers, broadcast) + offer(everywhere, broadcast));
            }
        });
    }

    /** Offers the event to each subscription; how many took it. */
    private static int offer(Set<FeedSubscription> subscriptions, Broadcast broadcast) {
        int taken = 0;
        for (FeedSubscription subscription : subscriptions) {
            if (subscription.offer(broadcast)) {
                taken++;
            }
        }
        return taken;
    }

    private static boolean resolves(TimelineEvent event) {
        return event.details(StatusChanged.class).map(change -> change.to() == IncidentStatus.RESOLVED).orElse(false);
    }
}
