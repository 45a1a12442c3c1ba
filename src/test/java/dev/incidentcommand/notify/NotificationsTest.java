package dev.incidentcommand.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Receiver;
import dev.incidentcommand.support.Receiver.Answer;
import dev.incidentcommand.support.Receiver.Request;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People are told: notifications leave through the outbox to a real HTTP receiver in the test
 * JVM, which fails and stalls on purpose. Retries and timeouts are short here so the test is quick.
 */
@TestPropertySource(properties = {
        "incident-command.notifications.poll-interval=200ms",
        "incident-command.notifications.timeout=1s",
        "incident-command.notifications.retry-initial=100ms",
        "incident-command.notifications.retry-max=400ms",
        "incident-command.notifications.lease=5s",
        "incident-command.notifications.unhealthy-after=3",
        "incident-command.notifications.channels-for=0s"})
class NotificationsTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SECRET = "s3cret-signing-key-for-tests";

    private String createChannel(String name, String kind, String url, String secret, List<String> events) {
        Map<String, Object> input = new HashMap<>(Map.of("name", name, "kind", kind, "url", url));
        if (secret != null) {
            input.put("secret", secret);
        }
        if (events != null) {
            input.put("events", events);
        }
        return mutate(admin(), "createNotificationChannel", input, "channel { id }")
                .path("createNotificationChannel.channel.id").entity(String.class).get();
    }

    private void removeChannel(String id) {
        mutate(admin(), "removeNotificationChannel", Map.of("channelId", id), "channel { id }");
    }

    private Map<String, Object> channelState(String id) {
        List<Map<String, Object>> all = admin()
                .document("{ notificationChannels { id healthy consecutiveFailures failingSince lastError backlog lastDeliveredAt } }")
                .execute().path("notificationChannels").entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get();
        return all.stream().filter(channel -> id.equals(channel.get("id"))).findFirst().orElseThrow();
    }

    private static JsonNode body(Request request) {
        return JSON.readTree(request.body());
    }

    /** The deliveries about these incidents, by incident key, in arrival order. */
    private static Map<String, List<JsonNode>> byIncident(Receiver receiver, Set<String> keys) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        receiver.deliveries().stream().map(NotificationsTest::body)
                .filter(body -> keys.contains(body.path("incident").path("key").asString()))
                .forEach(body -> byKey.computeIfAbsent(body.path("incident").path("key").asString(), key -> new ArrayList<>()).add(body));
        return byKey;
    }

    private static String hmac(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyEventArrivesOnceSignedAndInOrderThoughTheReceiverFailsAndStalls() throws Exception {
        // Requests 1-3 fail, 5 and 9 answer too late; the sender must retry both without losing or reordering anything.
        try (Receiver receiver = new Receiver(n -> n <= 3 ? Answer.FAIL : n == 5 || n == 9 ? Answer.SLOW : Answer.OK,
                Duration.ofMillis(1500))) {
            String channel = createChannel("ops-webhook", "WEBHOOK", receiver.url(), SECRET, null);
            try {
                GraphQlTester alice = as("alice");
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String key = declareCommandedBy(alice, "Told " + i, "SEV3", "alice");
                    keys.add(key);
                    mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "Spreading"), "incident { key }");
                    mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", "internal only " + i), "update { id }");
                    mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "EXTERNAL", "body", "We are investigating " + i), "update { id }");
                    mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "INVESTIGATING"), "incident { key }");
                    assertThat(errorCodes(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "again")))
                            .containsExactly("NO_CHANGE");
                }
                List<String> told = List.of("INCIDENT_DECLARED", "COMMANDER_ASSIGNED", "SEVERITY_CHANGED", "UPDATE_POSTED", "STATUS_CHANGED");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(byIncident(receiver, Set.copyOf(keys)).values())
                        .allSatisfy(deliveries -> assertThat(deliveries).hasSize(told.size())).hasSize(3));

                Map<String, List<JsonNode>> received = byIncident(receiver, Set.copyOf(keys));
                received.values().forEach(deliveries -> {
                    assertThat(deliveries).extracting(body -> body.path("event").path("kind").asString()).containsExactlyElementsOf(told);
                    assertThat(deliveries).extracting(body -> body.path("event").path("sequence").asInt()).isSorted();
                    assertThat(deliveries).noneMatch(body -> body.path("event").path("summary").asString().contains("internal only"));
                });
                assertThat(received.get(keys.get(0)).get(2).path("incident").path("severity").asString()).isEqualTo("SEV2");
                for (Request request : receiver.requests()) {
                    assertThat(request.header("Incident-Command-Signature"))
                            .isEqualTo(hmac(SECRET, request.header("Incident-Command-Timestamp"), request.body()));
                    assertThat(body(request).path("deliveryId").asString()).isEqualTo(request.header("Incident-Command-Delivery"));
                }
                assertThat(receiver.requests().size()).as("failed and late requests were sent again")
                        .isGreaterThan(receiver.deliveries().size());
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(channelState(channel))
                        .containsEntry("healthy", true).containsEntry("backlog", 0).containsEntry("consecutiveFailures", 0));
            } finally {
                removeChannel(channel);
            }
        }
    }

    @Test
    void aChannelThatKeepsFailingIsShownUnhealthyAndKeepsItsBacklogUntilItRecoversOrIsDiscarded() {
        try (Receiver receiver = new Receiver(n -> Answer.DOWN, Duration.ZERO)) {
            String channel = createChannel("flaky-status-page", "WEBHOOK", receiver.url(), SECRET, List.of("INCIDENT_DECLARED"));
            try {
                String first = declare(as("alice"), "Backlog one", "SEV4");
                String second = declare(as("alice"), "Backlog two", "SEV4");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(channelState(channel))
                        .containsEntry("healthy", false).containsEntry("backlog", 2)
                        .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("503")));

                receiver.answer(n -> Answer.OK);
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(channelState(channel))
                        .containsEntry("healthy", true).containsEntry("backlog", 0));
                assertThat(receiver.deliveries()).extracting(request -> body(request).path("incident").path("key").asString())
                        .containsExactlyInAnyOrder(first, second);

                receiver.answer(n -> Answer.DOWN);
                declare(as("alice"), "Backlog three", "SEV4");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(channelState(channel)).containsEntry("backlog", 1));
                mutate(admin(), "discardNotificationBacklog", Map.of("channelId", channel), "discarded")
                        .path("discardNotificationBacklog.discarded").entity(Integer.class).isEqualTo(1);
                assertThat(channelState(channel)).containsEntry("backlog", 0);
            } finally {
                removeChannel(channel);
            }
        }
    }

    @Test
    void aChatChannelGetsTextNamingWhoTheReminderIsFor() {
        try (Receiver receiver = Receiver.answeringOk()) {
            String channel = createChannel("#incidents", "SLACK_WEBHOOK", receiver.url(), null, null);
            try {
                String key = declare(as("alice"), "Search <b>down</b> & out", "SEV2");
                await().atMost(PATIENCE).until(() -> receiver.deliveries().stream()
                        .anyMatch(request -> body(request).path("text").asString().contains(key)));
                String text = receiver.deliveries().stream().map(request -> body(request).path("text").asString())
                        .filter(chat -> chat.contains(key)).findFirst().orElseThrow();
                assertThat(text).startsWith("*" + key + " Search &lt;b&gt;down&lt;/b&gt; &amp; out* (SEV2, DECLARED)")
                        .contains("alice declared " + key);
                assertThat(receiver.deliveries().get(0).header("Incident-Command-Signature")).isNull();
            } finally {
                removeChannel(channel);
            }
        }
    }

    @Test
    void aPagingServiceIsTriggeredAcknowledgedAndResolvedAsPagesAreAnswered() {
        try (Receiver receiver = Receiver.answeringOk()) {
            String channel = createChannel("pagerduty", "PAGERDUTY_EVENTS", receiver.url(), "R0UT1NGKEY0123456789", null);
            try {
                GraphQlTester alice = as("alice");
                String key = declareCommandedBy(alice, "Paging for real", "SEV1", "alice");
                mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "bob", "reason", "Owns the database"), "page { id }");
                mutate(as("bob"), "joinIncident", Map.of("incidentId", key), "participation { role }");
                mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Failover held"), "incident { key }");

                await().atMost(PATIENCE).until(() -> receiver.deliveries().size() >= 3);
                List<JsonNode> events = receiver.deliveries().stream().map(NotificationsTest::body).toList();
                assertThat(events).extracting(event -> event.path("event_action").asString())
                        .containsExactly("trigger", "acknowledge", "resolve");
                assertThat(events).allSatisfy(event -> {
                    assertThat(event.path("routing_key").asString()).isEqualTo("R0UT1NGKEY0123456789");
                    assertThat(event.path("dedup_key").asString()).isEqualTo(key + "/bob");
                });
                assertThat(events.get(0).path("payload").path("severity").asString()).isEqualTo("critical");
                assertThat(events.get(0).path("payload").path("summary").asString()).contains(key).contains("Owns the database");
            } finally {
                removeChannel(channel);
            }
        }
    }

    /**
     * Notes on an incident this instance already knows may be written in a single statement, but
     * not while a channel wants to hear of them: then each is written with its notification.
     */
    @Test
    void notesAreToldToTheChannelsThatWantThem() {
        try (Receiver receiver = Receiver.answeringOk()) {
            String channel = createChannel("notes", "WEBHOOK", receiver.url(), SECRET, List.of("NOTE_ADDED"));
            try {
                GraphQlTester alice = as("alice");
                String key = declare(alice, "Noted for the channel", "SEV4");
                for (int i = 0; i < 3; i++) {
                    mutate(alice, "addNote", Map.of("incidentId", key, "body", "noted " + i), "note { id }");
                }
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(byIncident(receiver, Set.of(key)).get(key))
                        .extracting(body -> body.path("event").path("sequence").asInt()).containsExactly(2, 3, 4));
                assertThat(byIncident(receiver, Set.of(key)).get(key))
                        .extracting(body -> body.path("event").path("kind").asString()).containsOnly("NOTE_ADDED");
            } finally {
                removeChannel(channel);
            }
        }
    }

    @Test
    void withTwoInstancesEachNotificationIsDeliveredOnce() {
        try (Receiver receiver = Receiver.answeringOk();
             ConfigurableApplicationContext second = secondInstance(
                     "--incident-command.notifications.poll-interval=200ms",
                     "--incident-command.notifications.channels-for=0s")) {
            String channel = createChannel("two-nodes", "WEBHOOK", receiver.url(), SECRET, List.of("INCIDENT_DECLARED", "NOTE_ADDED"));
            try {
                GraphQlTester here = as("alice");
                GraphQlTester there = as(portOf(second), "bob");
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String key = declare(i % 2 == 0 ? here : there, "Two nodes " + i, "SEV4");
                    keys.add(key);
                    mutate(i % 2 == 0 ? there : here, "addNote", Map.of("incidentId", key, "body", "note " + i), "note { id }");
                }
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(byIncident(receiver, Set.copyOf(keys)).values())
                        .hasSize(10).allSatisfy(deliveries -> assertThat(deliveries).hasSize(2)));
                assertThat(receiver.requests()).as("no delivery was sent twice")
                        .extracting(request -> request.header("Incident-Command-Delivery")).doesNotHaveDuplicates();
                byIncident(receiver, Set.copyOf(keys)).values().forEach(deliveries -> assertThat(deliveries)
                        .extracting(body -> body.path("event").path("kind").asString()).containsExactly("INCIDENT_DECLARED", "NOTE_ADDED"));
            } finally {
                removeChannel(channel);
            }
        }
    }

    /**
     * Every kind of channel, fed from two instances, through a receiver that fails the first
     * requests and stalls on one: each notification is accepted exactly once, in order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SLACK_WEBHOOK", "WEBHOOK", "PAGERDUTY_EVENTS"})
    void everyKindOfChannelIsRetriedUntilEachNotificationArrivesOnceInOrder(String kind) {
        try (Receiver receiver = new Receiver(n -> n <= 2 ? Answer.FAIL : n == 4 ? Answer.SLOW : Answer.OK, Duration.ofMillis(1500));
             ConfigurableApplicationContext second = secondInstance(
                     "--incident-command.notifications.poll-interval=200ms",
                     "--incident-command.notifications.timeout=1s",
                     "--incident-command.notifications.retry-initial=100ms",
                     "--incident-command.notifications.retry-max=400ms",
                     "--incident-command.notifications.channels-for=0s")) {
            boolean paging = kind.equals("PAGERDUTY_EVENTS");
            String channel = createChannel("every-kind-" + kind, kind, receiver.url(), paging ? "R0UT1NGKEY" : SECRET, null);
            try {
                GraphQlTester here = as("alice");
                GraphQlTester there = as(portOf(second), "alice");
                String key = declareCommandedBy(here, "Every kind " + kind, "SEV2", "alice");
                mutate(there, "pageResponder", Map.of("incidentId", key, "responder", "bob"), "page { id }");
                mutate(here, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "Worse"), "incident { key }");
                mutate(as(portOf(second), "bob"), "joinIncident", Map.of("incidentId", key), "participation { role }");
                mutate(here, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Fixed"), "incident { key }");

                // What each kind is told of these five changes, in order.
                List<String> expected = paging ? List.of("trigger", "acknowledge", "resolve")
                        : List.of("INCIDENT_DECLARED", "COMMANDER_ASSIGNED", "SEVERITY_CHANGED", "STATUS_CHANGED");
                await().atMost(PATIENCE).until(() -> told(receiver, kind, key).size() >= expected.size());
                assertThat(told(receiver, kind, key)).containsExactlyElementsOf(expected);
                assertThat(receiver.requests().size()).as("failed and late requests were sent again")
                        .isGreaterThan(receiver.deliveries().size());
            } finally {
                removeChannel(channel);
            }
        }
    }

    /** What a receiver kept about one incident, in arrival order, as each kind says it. */
    private static List<String> told(Receiver receiver, String kind, String key) {
        return receiver.deliveries().stream().map(NotificationsTest::body).map(body -> switch (kind) {
            case "PAGERDUTY_EVENTS" -> body.path("dedup_key").asString().startsWith(key + "/") ? body.path("event_action").asString() : null;
            case "SLACK_WEBHOOK" -> body.path("text").asString().startsWith("*" + key + " ") ? slackKind(body.path("text").asString()) : null;
            default -> key.equals(body.path("incident").path("key").asString()) ? body.path("event").path("kind").asString() : null;
        }).filter(java.util.Objects::nonNull).toList();
    }

    /** Chat text carries no kind; the sentence tells it. */
    private static String slackKind(String text) {
        return text.contains(" declared ") ? "INCIDENT_DECLARED" : text.contains(" is incident commander") ? "COMMANDER_ASSIGNED"
                : text.contains(" severity from ") ? "SEVERITY_CHANGED" : text.contains(" moved ") ? "STATUS_CHANGED" : text;
    }

    @Test
    void onlyAdminsManageChannelsAndBadChannelsAreRefused() {
        String body = "{\"query\": \"{ notificationChannels { id } }\"}";
        assertThat(http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER")).bodyValue(body)
                .exchange().returnResult(String.class).getStatus().value()).isEqualTo(403);

        GraphQlTester admin = admin();
        assertThat(errorCodes(admin, "createNotificationChannel", Map.of("name", "x", "kind", "WEBHOOK", "url", "https://hooks.example.com/x")))
                .containsExactly("BLANK");
        assertThat(errorCodes(admin, "createNotificationChannel", Map.of("name", "x", "kind", "WEBHOOK", "url", "https://hooks.example.com/x",
                "secret", "short"))).containsExactly("INVALID_VALUE");
        assertThat(errorCodes(admin, "createNotificationChannel", Map.of("name", "x", "kind", "SLACK_WEBHOOK", "url", "ftp://example.com/x")))
                .containsExactly("INVALID_VALUE");
        assertThat(errorCodes(admin, "createNotificationChannel", Map.of("name", "x", "kind", "PAGERDUTY_EVENTS",
                "url", "https://events.pagerduty.com/v2/enqueue", "secret", "R0UT1NG", "events", List.of("INCIDENT_DECLARED"))))
                .containsExactly("INVALID_VALUE");
        String channel = createChannel("unique-name", "SLACK_WEBHOOK", "https://hooks.slack.com/services/T000/B000/XXXX", null, null);
        try {
            assertThat(errorCodes(admin, "createNotificationChannel", Map.of("name", "unique-name", "kind", "SLACK_WEBHOOK",
                    "url", "https://hooks.slack.com/services/T000/B000/YYYY"))).containsExactly("NAME_TAKEN");
            admin.document("{ notificationChannels { name destination events } }").execute()
                    .path("notificationChannels[?(@.name == 'unique-name')].destination").entityList(String.class)
                    .containsExactly("https://hooks.slack.com");
        } finally {
            removeChannel(channel);
        }
    }
}
