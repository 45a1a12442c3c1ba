package dev.incidentcommand.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thousand events written concurrently to twenty incidents through two instances reach a wall
 * board subscribed on one of them: counted per incident for losses, duplicates and disorder.
 */
class LiveDeliveryAtScaleTest extends IntegrationTest {

    record Event(int sequence, Map<String, Object> incident) {
        String key() {
            return (String) incident.get("key");
        }
    }

    @Test
    void thousandConcurrentEventsAcrossTwentyIncidentsArriveExactlyOnceInOrder() {
        int incidentsCount = 20;
        int eventsCount = 1_000;
        try (ConfigurableApplicationContext instanceB = secondInstance()) {
            GraphQlTester alice = as("alice");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < incidentsCount; i++) {
                keys.add(declare(alice, "Scale " + i, "SEV3"));
            }
            String probe = declare(alice, "Scale probe", "SEV3");

            ConcurrentLinkedQueue<Event> received = new ConcurrentLinkedQueue<>();
            List<String> watched = new ArrayList<>(keys);
            watched.add(probe);
            Disposable board = websocket(portOf(instanceB))
                    .document("subscription($ids: [ID!]) { timelineEvents(filter: {incidentIds: $ids}) { sequence incident { key } } }")
                    .variable("ids", watched)
                    .executeSubscription()
                    .toFlux("timelineEvents", Event.class)
                    .subscribe(received::add);
            try {
                // The subscription is live once a probe event comes through.
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    mutate(alice, "addNote", Map.of("incidentId", probe, "body", "probe"), "note { id }");
                    return received.stream().anyMatch(e -> probe.equals(e.key()));
                });

                Map<String, Integer> startSequence = new HashMap<>();
                keys.forEach(key -> startSequence.put(key, 1));
                List<HttpGraphQlClient> writers = List.of(client(port), client(portOf(instanceB)));
                long refused = Flux.range(0, eventsCount)
                        .flatMap(i -> writers.get(i % 2)
                                .document("mutation($input: AddNoteInput!) { addNote(input: $input) { userErrors { code } } }")
                                .variable("input", Map.of("incidentId", keys.get(i % incidentsCount), "body", "event " + i))
                                .retrieve("addNote.userErrors").toEntityList(Object.class)
                                .map(List::size), 32)
                        .filter(errors -> errors > 0)
                        .count()
                        .block(Duration.ofMinutes(3));
                assertThat(refused).isZero();

                await().atMost(Duration.ofSeconds(30)).until(() ->
                        received.stream().filter(e -> !probe.equals(e.key())).count() >= eventsCount);

                Map<String, List<Integer>> byIncident = received.stream().filter(e -> !probe.equals(e.key()))
                        .collect(Collectors.groupingBy(Event::key, Collectors.mapping(Event::sequence, Collectors.toList())));
                int lost = 0;
                int duplicated = 0;
                int outOfOrder = 0;
                for (String key : keys) {
                    List<Integer> sequences = byIncident.getOrDefault(key, List.of());
                    Set<Integer> distinct = Set.copyOf(sequences);
                    duplicated += sequences.size() - distinct.size();
                    for (int s = 2; s <= 1 + eventsCount / incidentsCount; s++) {
                        if (!distinct.contains(s)) {
                            lost++;
                        }
                    }
                    for (int i = 1; i < sequences.size(); i++) {
                        if (sequences.get(i) <= sequences.get(i - 1)) {
                            outOfOrder++;
                        }
                    }
                }
                assertThat(lost).as("lost").isZero();
                assertThat(duplicated).as("duplicated").isZero();
                assertThat(outOfOrder).as("out of order").isZero();
                assertThat(received.stream().filter(e -> !probe.equals(e.key())).count()).isEqualTo(eventsCount);
            } finally {
                board.dispose();
            }
        }
    }

    private static HttpGraphQlClient client(int port) {
        return client(port, "load-bot");
    }
}
