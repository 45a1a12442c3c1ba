package dev.incidentcommand.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions over a real WebSocket against real PostgreSQL. */
class LiveTimelineTest extends IntegrationTest {

    static final String INCIDENT_TIMELINE = """
            subscription($id: ID!, $after: Int) {
              incidentTimeline(incidentId: $id, afterSequence: $after) { sequence kind summary actor { handle } incident { key } }
            }""";

    record Event(int sequence, String kind, String summary, Map<String, Object> actor, Map<String, Object> incident) {
    }

    private static Flux<Event> incidentTimeline(WebSocketGraphQlTester client, String incident, Integer after) {
        return client.document(INCIDENT_TIMELINE).variable("id", incident).variable("after", after)
                .executeSubscription().toFlux("incidentTimeline", Event.class);
    }

    private static void note(GraphQlTester as, String incident, String body) {
        mutate(as, "addNote", Map.of("incidentId", incident, "body", body), "note { id }");
    }

    @Test
    void subscriberSeesEveryChangeInOrderAsItCommits() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Live: checkout errors", "SEV2");
        StepVerifier.create(incidentTimeline(websocket(), key, 1))
                .then(() -> {
                    mutate(alice, "assignCommander", Map.of("incidentId", key, "commander", "alice"), "incident { key }");
                    mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "All regions"), "incident { key }");
                    mutate(alice, "createTask", Map.of("incidentId", key, "kind", "MITIGATION", "title", "Roll back", "assignee", "bob"),
                            "task { id }");
                })
                .assertNext(e -> assertThat(e.sequence() + e.kind()).isEqualTo("2COMMANDER_ASSIGNED"))
                .assertNext(e -> assertThat(e.sequence() + e.kind()).isEqualTo("3SEVERITY_CHANGED"))
                .assertNext(e -> {
                    assertThat(e.sequence() + e.kind()).isEqualTo("4TASK_CREATED");
                    assertThat(e.actor()).containsEntry("handle", "alice");
                    assertThat(e.incident()).containsEntry("key", key);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void withoutAfterSequenceOnlyNewEventsArrive() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Live: from now on", "SEV3");
        note(alice, key, "before subscribing");
        List<Event> received = new CopyOnWriteArrayList<>();
        Disposable subscription = incidentTimeline(websocket(), key, null).subscribe(received::add);
        try {
            // The server takes the subscription asynchronously: keep writing until it is live.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                note(alice, key, "after subscribing");
                return !received.isEmpty();
            });
            assertThat(received.get(0).sequence()).isGreaterThan(2);
            assertThat(received).extracting(Event::summary).noneMatch(summary -> summary.contains("before subscribing"));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void resumingWithAfterSequenceYieldsExactlyTheMissedEventsThenLiveOnes() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Live: resume", "SEV2");
        note(alice, key, "two");
        note(alice, key, "three");
        StepVerifier.create(incidentTimeline(websocket(), key, 0).take(3).map(Event::sequence))
                .expectNext(1, 2, 3)
                .verifyComplete();

        // Disconnected: two more changes happen.
        note(alice, key, "four");
        note(alice, key, "five");

        StepVerifier.create(incidentTimeline(websocket(), key, 3).map(Event::sequence))
                .expectNext(4, 5)
                .then(() -> note(alice, key, "six"))
                .expectNext(6)
                .then(() -> note(alice, key, "seven"))
                .expectNext(7)
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Autowired
    TimelineFeed feed;

    @Test
    void manySubscribersShareOneReadOfEachEvent() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Live: shared reader", "SEV3");
        int subscribers = 25;
        List<WebSocketGraphQlTester> clients = new ArrayList<>();
        List<Disposable> streams = new ArrayList<>();
        Map<Integer, List<Integer>> received = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < subscribers; i++) {
            int board = i;
            WebSocketGraphQlTester client = websocket();
            clients.add(client);
            streams.add(incidentTimeline(client, key, 1)
                    .subscribe(e -> received.computeIfAbsent(board, b -> new CopyOnWriteArrayList<>()).add(e.sequence())));
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.subscriberCount() >= subscribers);
            long readBefore = feed.eventsRead();
            long positionsBefore = feed.positionsTotal();
            for (int i = 0; i < 10; i++) {
                note(alice, key, "shared " + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == subscribers
                    && received.values().stream().allMatch(list -> list.size() == 10));
            assertThat(received.values()).allSatisfy(list -> assertThat(list).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
            // Ten events, twenty-five subscribers: the table was read for ten events, not 250. The rules'
            // timers may append events to earlier tests' incidents meanwhile; each of those is read once
            // too, so reads keep pace with the positions handed out, ours and theirs.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(feed.eventsRead() - readBefore)
                    .isEqualTo(feed.positionsTotal() - positionsBefore)
                    .isGreaterThanOrEqualTo(10));
        } finally {
            streams.forEach(Disposable::dispose);
            clients.forEach(client -> client.stop().block());
        }
    }

    @Autowired
    SharedRendering rendering;

    @Test
    void boardsFollowingSomeIncidentsReceiveExactlyTheirEventsAndUnfilteredBoardsReceiveAll() {
        GraphQlTester alice = as("alice");
        String a = declare(alice, "Live: followed one", "SEV3");
        String b = declare(alice, "Live: followed two", "SEV3");
        String c = declare(alice, "Live: not followed", "SEV3");
        String events = "subscription($filter: TimelineFilter) { timelineEvents(filter: $filter) { sequence incident { key } } }";
        WebSocketGraphQlTester followingTwo = websocket();
        WebSocketGraphQlTester followingAll = websocket();
        List<String> ofTwo = new CopyOnWriteArrayList<>();
        List<String> ofAll = new CopyOnWriteArrayList<>();
        int subscribersBefore = feed.subscriberCount();
        List<Disposable> streams = List.of(
                followingTwo.document(events).variable("filter", Map.of("incidentIds", List.of(a, b))).executeSubscription()
                        .toFlux("timelineEvents", Map.class).subscribe(event -> ofTwo.add(keyAndSequence(event))),
                followingAll.document(events).executeSubscription()
                        .toFlux("timelineEvents", Map.class).subscribe(event -> ofAll.add(keyAndSequence(event))));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.subscriberCount() >= subscribersBefore + 2);
            note(alice, a, "first on a");
            note(alice, b, "first on b");
            note(alice, c, "first on c");
            note(alice, a, "second on a");
            // Other tests' incidents may pass through the unfiltered board: look at these three only.
            await().atMost(Duration.ofSeconds(20)).until(() -> ofAll.stream().filter(e -> e.startsWith(c + "#")).count() == 1
                    && ofAll.stream().filter(e -> e.startsWith(a + "#")).count() == 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> ofTwo.size() == 3);
            assertThat(ofTwo).filteredOn(e -> e.startsWith(a + "#")).containsExactly(a + "#2", a + "#3");
            assertThat(ofTwo).containsExactlyInAnyOrder(a + "#2", b + "#2", a + "#3");
            assertThat(ofAll).filteredOn(e -> e.startsWith(a + "#") || e.startsWith(b + "#") || e.startsWith(c + "#"))
                    .containsExactlyInAnyOrder(a + "#2", b + "#2", c + "#2", a + "#3");
        } finally {
            streams.forEach(Disposable::dispose);
            followingTwo.stop().block();
            followingAll.stop().block();
        }
    }

    @SuppressWarnings("unchecked")
    private static String keyAndSequence(Map<?, ?> event) {
        return ((Map<String, Object>) event.get("incident")).get("key") + "#" + event.get("sequence");
    }

    @Test
    void subscribersAskingTheSameThingShareOneRenderingOfEachEvent() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Live: shared rendering", "SEV3");
        String brief = "subscription($ids: [ID!]) { timelineEvents(filter: {incidentIds: $ids}) { sequence kind } }";
        String full = "subscription($ids: [ID!]) { timelineEvents(filter: {incidentIds: $ids}) { sequence summary actor { handle } incident { key } } }";
        List<WebSocketGraphQlTester> clients = new ArrayList<>();
        List<Disposable> streams = new ArrayList<>();
        List<List<Map<String, Object>>> briefBoards = new ArrayList<>();
        List<List<Map<String, Object>>> fullBoards = new ArrayList<>();
        int subscribersBefore = feed.subscriberCount();
        for (int i = 0; i < 15; i++) {
            boolean wantsAll = i % 3 == 0;
            List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
            (wantsAll ? fullBoards : briefBoards).add(received);
            WebSocketGraphQlTester client = websocket();
            clients.add(client);
            streams.add(client.document(wantsAll ? full : brief).variable("ids", List.of(key)).executeSubscription()
                    .toFlux("timelineEvents", Map.class).subscribe(event -> received.add(event)));
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.subscriberCount() >= subscribersBefore + 15);
            long renderedBefore = rendering.renderings();
            for (int i = 0; i < 10; i++) {
                note(alice, key, "rendered once " + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.Stream.concat(briefBoards.stream(), fullBoards.stream())
                    .allMatch(list -> list.size() == 10));
            // Ten events, two distinct selections, fifteen subscribers: twenty renderings, not 150.
            assertThat(rendering.renderings() - renderedBefore).isEqualTo(20);
            assertThat(briefBoards).allSatisfy(list -> {
                assertThat(list).extracting(event -> event.get("sequence")).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
                assertThat(list).allSatisfy(event -> assertThat(event).containsOnlyKeys("sequence", "kind"));
            });
            assertThat(fullBoards).allSatisfy(list -> {
                assertThat(list).extracting(event -> event.get("summary")).allSatisfy(summary -> assertThat((String) summary).contains("rendered once"));
                assertThat(list).extracting(event -> event.get("actor")).containsOnly(Map.of("handle", "alice"));
                assertThat(list).extracting(event -> event.get("incident")).containsOnly(Map.of("key", key));
            });
        } finally {
            streams.forEach(Disposable::dispose);
            clients.forEach(client -> client.stop().block());
        }
    }

    @Test
    void mutationsOverTheWebSocketActAsTheCredentialGivenInConnectionInit() {
        String key = declare(as("alice"), "Live: actor over WebSocket", "SEV4");
        WebSocketGraphQlTester bob = websocket(port, Tokens.jwt("bob", "RESPONDER"));
        try {
            bob.document("mutation($input: AddNoteInput!) { addNote(input: $input) { note { author { handle } } userErrors { code } } }")
                    .variable("input", Map.of("incidentId", key, "body", "sent over the socket"))
                    .execute()
                    .path("addNote.note.author.handle").entity(String.class).isEqualTo("bob");
        } finally {
            bob.stop().block();
        }
        WebSocketGraphQlTester wallScreen = websocket();
        try {
            wallScreen.document("mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }")
                    .variable("input", Map.of("incidentId", key, "body", "a screen cannot write"))
                    .execute()
                    .errors().expect(error -> error.getMessage().contains("VIEWER")).verify();
        } finally {
            wallScreen.stop().block();
        }
    }

    @Test
    void unknownIncidentEndsTheSubscriptionWithAClearError() {
        StepVerifier.create(incidentTimeline(websocket(), "INC-987654", 0))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("There is no incident 'INC-987654'"))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void resumingBeyondTheNewestEventIsAnErrorNotASilentWait() {
        String key = declare(as("alice"), "Live: resume too far", "SEV4");
        StepVerifier.create(incidentTimeline(websocket(), key, 500))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("'afterSequence' is 500")
                        .hasMessageContaining("ends at 1"))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void incidentChangedSendsTheCurrentStateOncePerChange() {
        GraphQlTester alice = as("alice");
        String probe = declare(alice, "Live: probe", "SEV4");
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        Disposable live = websocket().document("subscription { incidentChanged { key severity commander { handle } lastSequence } }")
                .executeSubscription().toFlux("incidentChanged", Map.class)
                .subscribe(row -> received.add((Map<String, Object>) row));
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                note(alice, probe, "probe");
                return received.stream().anyMatch(row -> probe.equals(row.get("key")));
            });

            // Declaring with a commander is one change writing two events: one message.
            String key = alice.documentName("declareIncident")
                    .variable("input", Map.of("title", "Live: board row", "severity", "SEV3", "commander", "carol"))
                    .execute().path("declareIncident.incident.key").entity(String.class).get();
            mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "worse"), "incident { key }");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .anyMatch(row -> key.equals(row.get("key")) && Integer.valueOf(3).equals(row.get("lastSequence"))));
            List<Map<String, Object>> rows = received.stream().filter(row -> key.equals(row.get("key"))).toList();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("lastSequence", 2).containsEntry("severity", "SEV3")
                    .containsEntry("commander", Map.of("handle", "carol"));
            assertThat(rows.get(1)).containsEntry("lastSequence", 3).containsEntry("severity", "SEV1");
        } finally {
            live.dispose();
        }
    }

    @Test
    void subscriberOnOneInstanceSeesEventsCommittedThroughAnother() {
        try (ConfigurableApplicationContext instanceB = secondInstance()) {
            GraphQlTester onA = as("alice");
            String key = declare(onA, "Live: across instances", "SEV2");
            StepVerifier.create(incidentTimeline(websocket(portOf(instanceB)), key, 1).map(Event::sequence))
                    .then(() -> {
                        for (int i = 0; i < 5; i++) {
                            note(onA, key, "from A " + i);
                        }
                    })
                    .expectNext(2, 3, 4, 5, 6)
                    .thenCancel()
                    .verify(Duration.ofSeconds(20));
        }
    }

    @Test
    void notificationsCarryEventsAcrossInstancesWithoutWaitingForTheCatchUp() {
        // Instance B only catches up once an hour: whatever arrives promptly came through NOTIFY.
        try (ConfigurableApplicationContext instanceB = secondInstance("--incident-command.live.catch-up-interval=1h")) {
            GraphQlTester onA = as("alice");
            String key = declare(onA, "Live: notify path", "SEV2");
            StepVerifier.create(incidentTimeline(websocket(portOf(instanceB)), key, 1).map(Event::sequence))
                    .then(() -> note(onA, key, "via notify"))
                    .expectNext(2)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    void catchUpDeliversEventsWhenNotificationsAreLost() {
        // Instance B listens on a channel nobody notifies: only its periodic catch-up can find events.
        try (ConfigurableApplicationContext instanceB = secondInstance("--incident-command.live.channel=nobody_sends_here",
                "--incident-command.live.catch-up-interval=200ms")) {
            GraphQlTester onA = as("alice");
            String key = declare(onA, "Live: lost notifications", "SEV2");
            StepVerifier.create(incidentTimeline(websocket(portOf(instanceB)), key, 1).map(Event::sequence))
                    .then(() -> {
                        note(onA, key, "one");
                        note(onA, key, "two");
                    })
                    .expectNext(2, 3)
                    .thenCancel()
                    .verify(Duration.ofSeconds(20));
        }
    }
}
