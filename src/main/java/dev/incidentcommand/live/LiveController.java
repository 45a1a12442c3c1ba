package dev.incidentcommand.live;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.incidentcommand.common.BadRequest;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineRepository;
import org.reactivestreams.Publisher;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class LiveController {

    record TimelineFilter(List<String> incidentIds, List<Severity> severities, Boolean active) {
    }

    /** What a filter asks of the feed: the incidents it follows (every one when empty), then what it accepts of them. */
    private record Interest(Set<Long> incidents, Predicate<Broadcast> accepts) {
    }

    private static final int REPLAY_PAGE = 500;

    private final TimelineFeed feed;
    private final TimelineRepository timeline;
    private final IncidentRepository incidents;

    LiveController(TimelineFeed feed, TimelineRepository timeline, IncidentRepository incidents) {
        this.feed = feed;
        this.timeline = timeline;
        this.incidents = incidents;
    }

    /**
     * Replay, then live. The live subscription is taken before the replay is read, and every event
     * passes a sequencer that drops what was already sent and fills any gap from the table, so the
     * seam between the two has neither duplicates nor holes.
     */
    @SubscriptionMapping
    Flux<Shared<TimelineEvent>> incidentTimeline(@Argument String incidentId, @Argument Integer afterSequence) {
        if (afterSequence != null && afterSequence < 0) {
            throw new BadRequest("'afterSequence' must be 0 or more.");
        }
        return detached(() -> findIncident(incidentId).map(Followed::of)).flatMapMany(incident -> {
            if (afterSequence != null && afterSequence > incident.lastSequence()) {
                // Waiting for a sequence that does not exist yet would look like a quiet incident.
                return Flux.error(new BadRequest("'afterSequence' is " + afterSequence + " but the timeline of " + incident.key()
                        + " ends at " + incident.lastSequence() + "; resume from a sequence you have received."));
            }
            FeedSubscription live = feed.subscribe(Set.of(incident.id()), broadcast -> true);
            Mono<Integer> start = afterSequence != null ? Mono.just(afterSequence)
                    : detached(() -> incidents.find(IncidentRef.of(incident.id())).map(Incident::lastSequence));
            return start.flatMapMany(after -> {
                AtomicInteger last = new AtomicInteger(after);
                // The replay comes in order by itself; only live events need the sequencer, which
                // keeps the last event it passed until the next one: a live event is shared with
                // every subscriber of the incident, a replayed one would be this subscriber's own.
                // Deferred: concatenation keeps its sources as long as the subscription lasts, and an
                // assembled query (its statement and bindings) is a couple of kilobytes.
                Flux<Shared<TimelineEvent>> replayed = Flux.defer(() -> replay(incident.id(), after, Integer.MAX_VALUE))
                        .map(event -> {
                            last.set(event.sequence());
                            return Shared.of(event);
                        });
                return replayed.concatWith(live.flux().map(Broadcast::event).concatMap(event -> inSequence(event, last)))
                        .onErrorMap(FellBehind.class, error -> new FellBehind(
                                "This subscription fell too far behind " + incident.key()
                                        + " and was ended; subscribe again with afterSequence: " + last.get() + " to resume."))
                        .onErrorMap(Restarting.class, error -> new Restarting("The server is restarting: subscribe again with "
                                + "afterSequence: " + last.get() + " to resume " + incident.key() + " where you were."));
            }).doFinally(signal -> live.end());
        });
    }

    /**
     * What a timeline subscription keeps of its incident for as long as it lasts: the whole
     * incident with its milestones and watch would be several hundred bytes per subscriber.
     */
    private record Followed(long id, String key, int lastSequence) {
        static Followed of(Incident incident) {
            return new Followed(incident.id(), incident.key(), incident.lastSequence());
        }
    }

    @SubscriptionMapping
    Flux<Shared<TimelineEvent>> timelineEvents(@Argument TimelineFilter filter) {
        return detached(() -> interestOf(filter)).flatMapMany(interest ->
                feed.subscribe(interest.incidents(), interest.accepts()).flux().map(Broadcast::event));
    }

    @SubscriptionMapping
    Flux<Shared<Incident>> incidentChanged(@Argument TimelineFilter filter) {
        return detached(() -> interestOf(filter)).flatMapMany(interest ->
                feed.subscribe(interest.incidents(), interest.accepts().and(Broadcast::latest)).flux().map(Broadcast::incident));
    }

    /**
     * Passes the next event in sequence; drops repeats; reads any skipped events from the table first.
     * concatMap asks for each event only once the one before has gone out, so {@code last} is current.
     */
    private Publisher<Shared<TimelineEvent>> inSequence(Shared<TimelineEvent> shared, AtomicInteger last) {
        TimelineEvent event = shared.value();
        int seen = last.get();
        if (event.sequence() <= seen) {
            return Mono.empty();
        }
        if (event.sequence() == seen + 1) {
            // The usual case, once per event and subscriber: a plain value, which concatMap passes on
            // without subscribing to anything.
            last.set(event.sequence());
            return Mono.just(shared);
        }
        return replay(event.incidentId(), seen, event.sequence()).map(Shared::of)
                .concatWith(Flux.just(shared))
                .doOnNext(sent -> last.set(sent.value().sequence()));
    }

    /**
     * The value of a short query, without the query. A subscription lives for hours, and everything
     * it was built from stays referenced until it ends: flatMapMany keeps its source's completed
     * chain, and the stream handed to GraphQL keeps how it was assembled. For a query that is its
     * statement and bindings and the driver's description of every column of the row, a few
     * kilobytes per subscriber. The query is assembled only when subscribed to, and only its value
     * is kept ({@link FutureValue}).
     */
    private static <T> Mono<T> detached(Supplier<Mono<T>> query) {
        return FutureValue.of(() -> query.get().toFuture());
    }

    /** The incident's events after {@code after} and before {@code before}, read a page at a time. */
    private Flux<TimelineEvent> replay(long incidentId, int after, int before) {
        return timeline.range(incidentId, after, before, REPLAY_PAGE)
                .expand(page -> page.size() < REPLAY_PAGE ? Mono.empty()
                        : timeline.range(incidentId, page.get(page.size() - 1).sequence(), before, REPLAY_PAGE))
                .flatMapIterable(page -> page);
    }

    private Mono<Incident> findIncident(String incidentId) {
        return IncidentRef.parse(incidentId).map(incidents::find).orElse(Mono.empty())
                .switchIfEmpty(Mono.error(() -> new BadRequest("There is no incident '" + incidentId + "'.")));
    }

    private Mono<Interest> interestOf(TimelineFilter filter) {
        if (filter == null) {
            return Mono.just(new Interest(Set.of(), broadcast -> true));
        }
        Mono<Set<Long>> ids = filter.incidentIds() == null ? Mono.just(Set.of())
                : Flux.fromIterable(filter.incidentIds()).concatMap(this::findIncident).map(Incident::id)
                .collect(Collectors.toSet());
        return ids.map(only -> {
            if (filter.incidentIds() != null && only.isEmpty()) {
                // An empty list names no incident: nothing passes (the feed reads an empty set as every incident).
                return new Interest(Set.of(), broadcast -> false);
            }
            Predicate<Broadcast> accepts = broadcast -> true;
            if (filter.severities() != null) {
                accepts = accepts.and(broadcast -> filter.severities().contains(broadcast.incidentState().severity()));
            }
            if (filter.active() != null) {
                boolean active = filter.active();
                accepts = accepts.and(broadcast -> active == (broadcast.incidentState().active() || broadcast.resolved()));
            }
            return new Interest(only, accepts);
        });
    }
}
