package dev.incidentcommand.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.LiveHeap;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static dev.incidentcommand.support.Api.declare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A wall board stays subscribed for days: what the server keeps for a subscription must not grow
 * with the number of events it has delivered. Many subscribers over real WebSockets receive a
 * hundred thousand events with nested fields; the live heap after garbage collection is compared
 * before and after, and every subscriber must still have received every event, in order. Nor
 * may a subscription keep the execution state of the request that opened it.
 */
class SubscriptionMemoryTest extends IntegrationTest {

    private static final int INCIDENTS = 10;
    private static final int SUBSCRIBERS_PER_INCIDENT = 50;
    private static final int EVENTS_PER_INCIDENT = 200;
    private static final long MAX_GROWTH_PER_100K_DELIVERIES = 5L * 1024 * 1024;

    private static final String TIMELINE = """
            subscription($id: ID!) {
              incidentTimeline(incidentId: $id) { sequence kind summary at actor { handle name } incident { key severity status commander { handle } } }
            }""";

    /** The timeline from its start, then live. */
    private static final String REPLAYED_TIMELINE = """
            subscription($id: ID!, $after: Int) {
              incidentTimeline(incidentId: $id, afterSequence: $after) { sequence kind summary at actor { handle name } incident { key severity status commander { handle } } }
            }""";

    /** What an idle board kept of its start and its replay before they were let go, one of each per board. */
    private static final List<String> KEPT_PER_BOARD = List.of("dev.incidentcommand.timeline.TimelineEvent",
            "dev.incidentcommand.live.EncodedResult", "dev.incidentcommand.incident.Incident",
            "io.r2dbc.spi.Parameters$InParameter", "dev.incidentcommand.live.RenderShape");

    /** What one subscriber has seen: counts only, so the client keeps nothing per event. */
    static final class Follower {
        final String incident;
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger last = new AtomicInteger(-1);
        final AtomicInteger outOfOrder = new AtomicInteger();

        Follower(String incident) {
            this.incident = incident;
        }

        void accept(Map<String, Object> event) {
            int sequence = ((Number) event.get("sequence")).intValue();
            int before = last.getAndSet(sequence);
            if (before >= 0 && sequence != before + 1) {
                outOfOrder.incrementAndGet();
            }
            received.incrementAndGet();
        }
    }

    @Test
    void liveHeapDoesNotGrowWithEventsDelivered() {
        HttpGraphQlClient writer = client(port, "alice");
        List<String> incidents = declareIncidents("Memory");
        Boards boards = openBoards("wallboard-", INCIDENTS * SUBSCRIBERS_PER_INCIDENT, incidents, TIMELINE, Map.of());
        List<Follower> followers = boards.followers();
        try {
            // Everyone is live once a first round of events reaches every subscriber.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                write(writer, incidents, 1);
                return followers.stream().allMatch(f -> f.received.get() > 0);
            });
            awaitCaughtUp(incidents, followers);
            // graphql-java's state of a subscribing request (its input, variables, context) is not
            // kept for the subscription's life: at most a few requests in flight have one.
            assertThat(LiveHeap.instances("graphql.execution.ExecutionContext"))
                    .isLessThan(INCIDENTS * SUBSCRIBERS_PER_INCIDENT / 10);
            // Warm up: the first rounds fill caches and pools that are bounded, not leaks.
            deliverRounds(writer, incidents, followers, EVENTS_PER_INCIDENT / 2);
            long before = LiveHeap.measure();
            long deliveredBefore = delivered(followers);

            deliverRounds(writer, incidents, followers, EVENTS_PER_INCIDENT);
            long after = LiveHeap.measure();
            long deliveries = delivered(followers) - deliveredBefore;

            long growthPer100k = (after - before) * 100_000 / deliveries;
            System.out.printf("MEMORY live heap %.1f MB -> %.1f MB over %d deliveries: %.2f MB per 100,000 deliveries%n",
                    before / 1e6, after / 1e6, deliveries, growthPer100k / 1e6);
            assertThat(deliveries).isGreaterThanOrEqualTo(100_000);
            assertThat(growthPer100k).isLessThan(MAX_GROWTH_PER_100K_DELIVERIES);
            assertThat(followers).allSatisfy(f -> assertThat(f.outOfOrder.get()).isZero());
        } finally {
            boards.close();
        }
    }

    /**
     * Most boards are idle most of the time. One that replayed its incident's timeline and now waits
     * keeps nothing of what it was sent (the last event, its rendering), of the queries that started
     * it (the incident, the statements with their bindings) or a selection of its own (every board
     * here asks the same thing): only the subscription itself. Counted in the live heap, against one
     * per board.
     */
    @Test
    void idleBoardsKeepNothingOfWhatTheyWereSent() {
        int count = 300;
        List<String> incidents = declareIncidents("Idle");
        // Other tests' servers share this JVM: what counts is what the boards add.
        Map<String, Long> before = new HashMap<>();
        KEPT_PER_BOARD.forEach(className -> before.put(className, LiveHeap.instances(className)));
        Boards boards = openBoards("idle-board-", count, incidents, REPLAYED_TIMELINE, Map.of("after", 0));
        List<Follower> followers = boards.followers();
        try {
            awaitCaughtUp(incidents, followers);
            assertThat(followers).allSatisfy(f -> assertThat(f.received.get()).isPositive());
            int few = count / 10;
            KEPT_PER_BOARD.forEach(className -> assertThat(LiveHeap.instances(className) - before.get(className))
                    .as("live %s added by %d idle boards", className, count).isLessThan(few));
        } finally {
            boards.close();
        }
    }

    private List<String> declareIncidents(String title) {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            incidents.add(declare(as("alice"), title + " " + i, "SEV3"));
        }
        return incidents;
    }

    /** Open boards, each on its own WebSocket, following the incidents in turn. */
    private record Boards(List<WebSocketGraphQlClient> sockets, List<Disposable> subscriptions, List<Follower> followers) {
        void close() {
            subscriptions.forEach(Disposable::dispose);
            Flux.fromIterable(sockets).flatMap(WebSocketGraphQlClient::stop).blockLast(Duration.ofSeconds(30));
        }
    }

    private Boards openBoards(String handle, int count, List<String> incidents, String document, Map<String, Object> variables) {
        Boards boards = new Boards(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // One connection per board, outside any client-side pool, as separate browsers would have.
        ReactorNettyWebSocketClient browsers = new ReactorNettyWebSocketClient(HttpClient.create(ConnectionProvider.newConnection()));
        for (int i = 0; i < count; i++) {
            WebSocketGraphQlClient socket = WebSocketGraphQlClient.builder("ws://localhost:" + port + "/graphql", browsers)
                    .interceptor(signIn(Tokens.jwt(handle + i, "VIEWER"))).build();
            Follower follower = new Follower(incidents.get(i % incidents.size()));
            boards.sockets().add(socket);
            boards.followers().add(follower);
            boards.subscriptions().add(socket.document(document).variable("id", follower.incident).variables(variables)
                    .retrieveSubscription("incidentTimeline").toEntity(Map.class)
                    .subscribe(follower::accept));
        }
        return boards;
    }

    /** Writes {@code rounds} notes on every incident and waits until each subscriber has them all. */
    private void deliverRounds(HttpGraphQlClient writer, List<String> incidents, List<Follower> followers, int rounds) {
        long expected = delivered(followers) + (long) rounds * incidents.size() * SUBSCRIBERS_PER_INCIDENT;
        write(writer, incidents, rounds);
        awaitCaughtUp(incidents, followers);
        assertThat(delivered(followers)).isEqualTo(expected);
    }

    /** Waits until every follower has seen its incident's newest event. */
    private void awaitCaughtUp(List<String> incidents, List<Follower> followers) {
        Map<String, Integer> newest = new HashMap<>();
        for (String incident : incidents) {
            newest.put(incident, as("alice").document("query($id: ID!) { incident(id: $id) { lastSequence } }")
                    .variable("id", incident).execute().path("incident.lastSequence").entity(Integer.class).get());
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> followers.stream().allMatch(f -> f.last.get() == newest.get(f.incident)));
    }

    private static void write(HttpGraphQlClient writer, List<String> incidents, int rounds) {
        AtomicLong refused = new AtomicLong();
        Flux.range(0, rounds * incidents.size())
                .flatMap(i -> writer.document("mutation($input: AddNoteInput!) { addNote(input: $input) { userErrors { code } } }")
                        .variable("input", Map.of("incidentId", incidents.get(i % incidents.size()), "body", "note " + i))
                        .retrieve("addNote.userErrors").toEntityList(Object.class)
                        .doOnNext(errors -> refused.addAndGet(errors.size())), 16)
                .blockLast(Duration.ofMinutes(3));
        assertThat(refused.get()).isZero();
    }

    private static long delivered(List<Follower> followers) {
        return followers.stream().mapToLong(f -> f.received.get()).sum();
    }
}
