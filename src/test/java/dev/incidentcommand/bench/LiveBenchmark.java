package dev.incidentcommand.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.LiveHeap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.support.Api.declare;
import static org.awaitility.Awaitility.await;

/**
 * Prints throughput and latency figures; asserts nothing about speed. Run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups=none -Dtest=LiveBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class LiveBenchmark extends IntegrationTest {

    private static final String ADD_NOTE = "mutation($input: AddNoteInput!) { addNote(input: $input) { userErrors { code } } }";

    record Event(int sequence, Map<String, Object> incident) {
    }

    @Test
    void figures() {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            incidents.add(declare(as("bench"), "Benchmark " + i, "SEV3"));
        }
        warmUp(incidents);
        report("mutations, 1 incident, 16 in flight", writes(List.of(incidents.get(0)), 2_000, 16));
        report("mutations, 20 incidents, 16 in flight", writes(incidents, 2_000, 16));
        report("mutations, 20 incidents, 64 in flight", writes(incidents, 2_000, 64));
        deliveryLatency("same instance", port, incidents.get(1));
        try (ConfigurableApplicationContext other = secondInstance()) {
            deliveryLatency("across instances", portOf(other), incidents.get(2));
        }
        fanOut(incidents.get(3), 200, 500);
    }

    private void warmUp(List<String> incidents) {
        writes(incidents, 500, 16);
    }

    private List<Long> writes(List<String> incidents, int count, int concurrency) {
        HttpGraphQlClient client = client(port);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Flux.range(0, count)
                .flatMap(i -> {
                    long sent = System.nanoTime();
                    return client.document(ADD_NOTE)
                            .variable("input", Map.of("incidentId", incidents.get(i % incidents.size()), "body", "bench " + i))
                            .execute()
                            .doOnNext(r -> latencies.add(System.nanoTime() - sent));
                }, concurrency)
                .blockLast(Duration.ofMinutes(5));
        long elapsed = System.nanoTime() - start;
        System.out.printf("BENCH   %d writes in %.2f s = %.0f mutations/s%n", count, elapsed / 1e9, count / (elapsed / 1e9));
        return latencies;
    }

    /** From the moment the mutation's response arrives (it has committed) to the event reaching a subscriber. */
    private void deliveryLatency(String label, int subscriberPort, String incident) {
        Map<Integer, Long> arrived = new ConcurrentHashMap<>();
        AtomicInteger first = new AtomicInteger(-1);
        WebSocketGraphQlTester ws = websocket(subscriberPort);
        Disposable subscription = ws.document("subscription($id: ID!) { incidentTimeline(incidentId: $id) { sequence } }")
                .variable("id", incident).executeSubscription().toFlux("incidentTimeline", Event.class)
                .subscribe(e -> arrived.put(e.sequence(), System.nanoTime()));
        HttpGraphQlClient client = client(port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            client.document(ADD_NOTE).variable("input", Map.of("incidentId", incident, "body", "probe")).execute().block();
            return !arrived.isEmpty();
        });
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int before = arrived.keySet().stream().max(Integer::compare).orElse(0);
            client.document(ADD_NOTE).variable("input", Map.of("incidentId", incident, "body", "latency " + i)).execute().block();
            long committed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> arrived.containsKey(before + 1));
            latencies.add(Math.max(0, arrived.get(before + 1) - committed));
        }
        subscription.dispose();
        ws.stop().block();
        report("commit → subscriber, " + label + " (300 sequential writes)", latencies);
    }

    /** Many subscribers on one instance: the table is read once per event, not once per subscriber. */
    private void fanOut(String incident, int subscribers, int events) {
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        List<Disposable> boards = new ArrayList<>();
        List<WebSocketGraphQlTester> clients = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            WebSocketGraphQlTester ws = websocket();
            clients.add(ws);
            boards.add(ws.document("subscription($ids: [ID!]) { timelineEvents(filter: {incidentIds: $ids}) { sequence } }")
                    .variable("ids", List.of(incident)).executeSubscription().toFlux("timelineEvents", Event.class)
                    .subscribe(e -> received.add(e.sequence())));
        }
        HttpGraphQlClient client = client(port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            received.clear();
            client.document(ADD_NOTE).variable("input", Map.of("incidentId", incident, "body", "probe")).execute().block();
            Mono.delay(Duration.ofMillis(300)).block();
            return received.size() == subscribers;
        });
        received.clear();
        long heapBefore = LiveHeap.measure();
        long start = System.nanoTime();
        Flux.range(0, events).flatMap(i -> client.document(ADD_NOTE)
                .variable("input", Map.of("incidentId", incident, "body", "fan-out " + i)).execute(), 16).blockLast();
        await().atMost(Duration.ofMinutes(2)).until(() -> received.size() >= subscribers * events);
        long elapsed = System.nanoTime() - start;
        System.out.printf("BENCH fan-out: %d events to %d subscribers = %d deliveries in %.2f s (%.0f deliveries/s)%n",
                events, subscribers, received.size(), elapsed / 1e9, received.size() / (elapsed / 1e9));
        // Measured with the subscribers still connected: what the server keeps for what it delivered.
        long retained = LiveHeap.measure() - heapBefore;
        System.out.printf("BENCH fan-out: live heap retained %.1f KB per 1,000 deliveries%n",
                retained / 1024.0 / (received.size() / 1000.0));
        boards.forEach(Disposable::dispose);
        clients.forEach(ws -> ws.stop().block());
    }

    private static void report(String label, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("BENCH %s: n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", label, sorted.size(),
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1e6;
    }

    private static HttpGraphQlClient client(int port) {
        return client(port, "bench");
    }
}
