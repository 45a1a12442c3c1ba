package dev.incidentcommand.limits;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every limit, met the way a careless or hostile client would meet it, fails loudly and changes nothing. */
@TestPropertySource(properties = {
        "incident-command.limits.requests-per-second=5",
        "incident-command.limits.burst=20",
        "incident-command.limits.subscriptions-per-connection=5",
        "incident-command.limits.max-request-size=16KB"})
class LimitsTest extends IntegrationTest {

    /**
     * Shared by every test of the class: JUnit makes an instance per test, and a counter of each
     * instance's own handed every test the same first handle, whose allowance earlier tests had spent.
     */
    private static final AtomicInteger HANDLES = new AtomicInteger();

    /** A fresh credential: the rate limit is per credential, so each check starts with a full allowance. */
    private String fresh() {
        return Tokens.jwt("limits-" + HANDLES.getAndIncrement(), "RESPONDER");
    }

    private Post post(String token, Object body) {
        var request = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        var result = (body == null ? request.exchange() : request.bodyValue(body).exchange()).expectBody(String.class).returnResult();
        String text = result.getResponseBody() == null ? "" : result.getResponseBody();
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("INTERNAL_ERROR");
        return new Post(result.getStatus().value(), text, result.getResponseHeaders().getFirst("Retry-After"));
    }

    record Post(int status, String body, String retryAfter) {
    }

    @Autowired
    GraphQlSource graphQlSource;

    /** The limits are graphql-java's own instrumentation, not one link of a chain it would ask at every field. */
    @Test
    void theLimitsAreTheInstrumentationItself() {
        assertThat(graphQlSource.graphQl().getInstrumentation()).isInstanceOf(QueryLimits.class);
    }

    @Test
    void nestedPagesThatMultiplyAreRefusedBeforeRunningAndACheapQueryStillAnswersAtOnce() {
        String key = declare(as("alice"), "Many events", "SEV3");
        String bomb = "query Bomb($id: ID!) { incident(id: $id) { timeline(first: 100) { edges { node { incident { timeline(first: 100) "
                + "{ edges { node { incident { timeline(first: 100) { edges { node { summary } } } } } } } } } } } } }";
        long started = System.nanoTime();
        Post refused = post(fresh(), Map.of("query", bomb, "variables", Map.of("id", key)));
        assertThat(refused.body()).contains("QUERY_TOO_LARGE").contains("too large");
        long cheap = System.nanoTime();
        assertThat(post(fresh(), Map.of("query", "{ incidents(first: 1) { totalCount } }")).body()).contains("totalCount");
        assertThat(Duration.ofNanos(System.nanoTime() - cheap)).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(cheap - started)).isLessThan(Duration.ofSeconds(1));

        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 60; i++) {
            aliases.append(" a").append(i).append(": incidents(first: 1) { totalCount }");
        }
        assertThat(post(fresh(), Map.of("query", aliases.append(" }").toString())).body()).contains("aliases").contains("QUERY_TOO_LARGE");

        StringBuilder mutations = new StringBuilder("mutation {");
        for (int i = 0; i < 11; i++) {
            mutations.append(" m").append(i).append(": addNote(input: {incidentId: \"").append(key).append("\", body: \"n\"}) { userErrors { code } }");
        }
        assertThat(post(fresh(), Map.of("query", mutations.append(" }").toString())).body()).contains("11 mutations");
        assertThat(as("alice").document("query($id: ID!) { incident(id: $id) { lastSequence } }").variable("id", key).execute()
                .path("incident.lastSequence").entity(Integer.class).get()).isEqualTo(1);
    }

    @Test
    void bodiesMustBePresentAndNotHuge() {
        Post tooLarge = post(fresh(), Map.of("query", "{ incidents(first: 1) { totalCount } }", "padding", "x".repeat(20_000)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than 16 KiB");
        assertThat(post(fresh(), null).status()).isEqualTo(400);
        Post nullBody = post(fresh(), "null");
        assertThat(nullBody.status()).isEqualTo(400);
        assertThat(nullBody.body()).contains("no body");
    }

    @Test
    void subscriptionsSentAsPlainPostsAreRefusedNamingTheTransport() {
        Post refused = post(fresh(), Map.of("query", "subscription { timelineEvents { sequence } }"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("WebSocket").contains("graphql-transport-ws");
    }

    @Test
    void aCredentialSendingTooFastIsToldWhenToComeBack() {
        String token = fresh();
        List<Post> answers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            answers.add(post(token, Map.of("query", "{ viewer { handle } }")));
        }
        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSizeBetween(20, 22);
        // The bucket refills 5 a second, so a later request may find a fresh token: look at the first refusal.
        Post throttled = answers.stream().filter(answer -> answer.status() != 200).findFirst().orElseThrow();
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfter()).isNotNull();
        assertThat(throttled.body()).contains("TOO_MANY_REQUESTS").contains("retry in");
        // Someone else is not slowed down by it.
        assertThat(post(fresh(), Map.of("query", "{ viewer { handle } }")).status()).isEqualTo(200);
    }

    @Test
    void oneSocketHoldsAtMostItsShareOfSubscriptionsAndStillAnswersQueries() {
        String key = declare(as("alice"), "Busy socket", "SEV3");
        WebSocketGraphQlTester socket = websocket(port, Tokens.jwt("socket-holder", "VIEWER"));
        List<Disposable> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(socket.document("subscription($ids: [ID!]) { timelineEvents(filter: {incidentIds: $ids}) { sequence } }")
                        .variable("ids", List.of(key)).executeSubscription().toFlux("timelineEvents", Map.class).subscribe());
            }
            AtomicReference<Throwable> sixth = new AtomicReference<>();
            socket.document("subscription { incidentChanged { key } }").executeSubscription().toFlux("incidentChanged", Map.class)
                    .subscribe(event -> { }, sixth::set);
            await().atMost(Duration.ofSeconds(10)).until(() -> sixth.get() != null);
            assertThat(sixth.get()).hasMessageContaining("already has 5 subscriptions");
            socket.document("{ viewer { handle } }").execute().path("viewer.handle").entity(String.class).isEqualTo("socket-holder");
        } finally {
            open.forEach(Disposable::dispose);
            socket.stop().onErrorComplete().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void malformedWebSocketMessagesCloseTheSocketWith4400() {
        for (String message : List.of("not json", "[]", "{\"type\":\"shout\"}", "{\"no\":\"type\"}")) {
            assertThat(closeCodeAfterSending(message)).as(message).isEqualTo(4400);
        }
        assertThat(closeCodeAfterSending(null)).as("a binary frame").isEqualTo(4400);
    }

    /** Opens a raw socket, sends one frame (binary when null) and returns the close code the server gives. */
    private int closeCodeAfterSending(String text) {
        AtomicReference<Integer> code = new AtomicReference<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return session.send(Mono.just(text == null
                                ? session.binaryMessage(factory -> factory.wrap(new byte[] {1, 2, 3}))
                                : session.textMessage(text)))
                        .thenMany(session.receive())
                        .then(session.closeStatus().doOnNext(status -> code.set(status.getCode())).then());
            }
        };
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/graphql"), handler)
                .block(Duration.ofSeconds(15));
        return code.get();
    }

    @Test
    void textThatCannotBeStoredIsRefusedNamingTheProblem() {
        String key = declare(as("alice"), "Text", "SEV3");
        for (Object body : List.of(
                Map.of("query", "mutation($b: String!) { addNote(input: {incidentId: \"" + key + "\", body: $b}) { note { id } } }",
                        "variables", Map.of("b", "a\u0000b")),
                Map.of("query", "{ responder(handle: \"a\u0000b\") { name } }"),
                Map.of("query", "query($r: String) { incidents(filter: {externalRef: $r}) { totalCount } }",
                        "variables", Map.of("r", "half \ud800 a pair")))) {
            Post refused = post(fresh(), body);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("NUL").contains("unpaired surrogate");
        }
        assertThat(as("alice").document("query($id: ID!) { incident(id: $id) { lastSequence } }").variable("id", key).execute()
                .path("incident.lastSequence").entity(Integer.class).get()).isEqualTo(1);
    }

    @Test
    void timesOutsideAnySaneRangeAreRefused() {
        String key = declare(as("alice"), "Times", "SEV3");
        GraphQlTester bob = as("bob");
        String task = mutate(as("alice"), "createTask", Map.of("incidentId", key, "kind", "INFORMATION_GATHERING",
                "title", "Look", "assignee", "bob"), "task { id }").path("createTask.task.id").entity(String.class).get();
        bob.document("mutation($t: ID!) { startTask(input: {taskId: $t, dueAt: \"+294277-01-01T00:00:00Z\"}) { task { id } } }")
                .variable("t", task).execute()
                .errors().expect(error -> error.getMessage().contains("1970 to 9999")).verify();
        assertThat(errorCodes(as("alice"), "declareIncident", Map.of("title", "Ancient", "severity", "SEV4",
                "detectedAt", "1971-01-01T00:00:00Z"))).containsExactly("INVALID_VALUE");
        String old = mutate(as("alice"), "declareIncident", Map.of("title", "Found late", "severity", "SEV4",
                        "detectedAt", java.time.Instant.now().minus(Duration.ofDays(3000)).toString(), "commander", "alice"),
                "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        as("alice").document("query($id: ID!) { incident(id: $id) { metrics { timeToAcknowledgeSeconds } } }").variable("id", old)
                .execute().path("incident.metrics.timeToAcknowledgeSeconds").entity(Long.class)
                .satisfies(seconds -> assertThat(seconds).isGreaterThan(3000L * 24 * 3600 - 60));
    }
}
