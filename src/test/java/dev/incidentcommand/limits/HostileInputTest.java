package dev.incidentcommand.limits;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.incidentcommand.support.DatabaseSnapshot;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.support.Api.declare;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of generated hostile requests, of the kinds a fuzzer or a broken client sends, over
 * HTTP and WebSocket. Whatever arrives: no 5xx, no INTERNAL_ERROR, no stack trace in the log,
 * the database unchanged by every refused request, and a cheap query answering within a second.
 */
@ExtendWith(OutputCaptureExtension.class)
// The sweeper idles: a reminder falling due between two snapshots would be a change nobody refused.
@TestPropertySource(properties = "incident-command.discipline.sweep-interval=1h")
class HostileInputTest extends IntegrationTest {

    private static final int HTTP_REQUESTS = 520;
    private static final int SOCKET_MESSAGES = 60;

    /** Text of every kind: empty, huge, control characters, NUL, unpaired surrogates, emoji, SQL and script. */
    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withChars('\u0000', '\ud800', '\udfff', '\u202e', '\n', '\'', '"', '\\', ';', '%')
                        .ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("'; DROP TABLE incident; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "\u0000",
                        "a\ud800b", "🔥🔥", "INC-1 OR 1=1", " ", "null", "-1", "9".repeat(40)),
                Arbitraries.strings().alpha().ofLength(12_000));
    }

    private static Arbitrary<String> hostileTime() {
        return Arbitraries.of("yesterday", "+294277-01-01T00:00:00Z", "-4713-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                "2026-13-45T25:61:61Z", "", "0", "2026-11-28T10:00:00", "9999-12-31T23:59:59Z");
    }

    /** A request body: a document and variables, or JSON that is not a request at all. */
    private Arbitrary<Object> hostileBody(String incident) {
        Arbitrary<Object> mutations = Arbitraries.oneOf(
                hostileText().map(text -> request("mutation($b: String!) { addNote(input: {incidentId: \"" + incident
                        + "\", body: $b}) { note { id } userErrors { code } } }", Map.of("b", text))),
                hostileText().map(text -> request("mutation($i: ID!) { addNote(input: {incidentId: $i, body: \"x\"}) { userErrors { code } } }",
                        Map.of("i", text))),
                hostileText().map(text -> request("mutation($a: String!) { createTask(input: {incidentId: \"" + incident
                        + "\", kind: MITIGATION, title: \"t\", assignee: $a}) { userErrors { code } } }", Map.of("a", text))),
                hostileTime().map(time -> request("mutation($d: DateTime!) { declareIncident(input: {title: \"t\", severity: SEV4, detectedAt: $d, commander: \"x y\"}) { userErrors { code } } }",
                        Map.of("d", time))),
                hostileText().map(text -> request("mutation($r: String) { changeSeverity(input: {incidentId: \"" + incident
                        + "\", severity: SEV2, reason: $r}) { userErrors { code } } }", text.isEmpty() ? Map.of() : Map.of("r", text))),
                hostileText().map(text -> request("mutation($k: String) { declareIncident(input: {title: \"Dup\", severity: SEV5, source: ALERT, externalRef: $k, idempotencyKey: $k}) { userErrors { code } } }",
                        Map.of("k", text))));
        Arbitrary<Object> queries = Arbitraries.oneOf(
                hostileText().map(text -> request(text, Map.of())),
                hostileText().map(text -> request("query($h: String!) { responder(handle: $h) { name } }", Map.of("h", text))),
                hostileText().map(text -> request("query($r: String) { incidents(filter: {externalRef: $r}) { totalCount } }", Map.of("r", text))),
                Arbitraries.integers().between(-1000, 1_000_000).map(first -> request("{ incidents(first: " + first + ") { totalCount } }", Map.of())),
                Arbitraries.integers().between(1, 8).map(depth -> request(nested(incident, depth), Map.of())),
                Arbitraries.integers().between(1, 200).map(count -> request(aliased(count), Map.of())),
                Arbitraries.of("subscription { timelineEvents { sequence } }", "{ __schema { types { name fields { name } } } }",
                        "{ incident(id: \"" + incident + "\") { postmortem } }").map(doc -> request(doc, Map.of())));
        Arbitrary<Object> notRequests = Arbitraries.of(List.of(), 42, "just a string", Map.of("query", 17),
                Map.of("variables", "x"), Map.of("query", List.of("a")), Map.of("query", "{ viewer { handle } }", "variables", List.of(1)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, mutations), net.jqwik.api.Tuple.of(4, queries), net.jqwik.api.Tuple.of(1, notRequests));
    }

    /** The first error classification or user error code in a response, or "ok". */
    private static String classification(String body) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"(classification|code)\":\"([A-Z_a-z]+)\"").matcher(body);
        return matcher.find() ? matcher.group(2) : "ok";
    }

    private static Map<String, Object> request(String document, Map<String, ?> variables) {
        return Map.of("query", document, "variables", variables);
    }

    private static String nested(String incident, int depth) {
        String inner = "summary";
        for (int i = 0; i < depth; i++) {
            inner = "incident { timeline(first: 100) { edges { node { " + inner + " } } } }";
        }
        return "{ incident(id: \"" + incident + "\") { timeline(first: 100) { edges { node { " + inner + " } } } } }";
    }

    private static String aliased(int count) {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            document.append(" a").append(i).append(": incidents(first: 100) { edges { node { key postmortem } } }");
        }
        return document.append(" }").toString();
    }

    @Test
    void noHostileRequestBreaksTheServerOrChangesWhatItRefused(CapturedOutput output) {
        String incident = declare(as("alice"), "Target of hostile input", "SEV3");
        String token = Tokens.jwt("fuzzer", "RESPONDER");
        List<Object> bodies = hostileBody(incident).sampleStream().limit(HTTP_REQUESTS).toList();
        AtomicInteger refused = new AtomicInteger();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Long> cheapMillis = new ArrayList<>();
        Map<String, String> current = DatabaseSnapshot.of(environment);
        for (int i = 0; i < bodies.size(); i++) {
            var result = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                    .header("Authorization", "Bearer " + token).bodyValue(bodies.get(i)).exchange()
                    .expectBody(String.class).returnResult();
            String body = String.valueOf(result.getResponseBody());
            assertThat(result.getStatus().value()).as("%s gave %s", bodies.get(i), body).isLessThan(500);
            assertThat(body).as("%s", bodies.get(i)).doesNotContain("INTERNAL_ERROR").doesNotContain("Exception").doesNotContain("\tat ");
            outcomes.merge(result.getStatus().value() + " " + classification(body), 1, Integer::sum);
            Map<String, String> after = DatabaseSnapshot.of(environment);
            if (body.contains("\"errors\"") || body.contains("\"code\"")) {
                refused.incrementAndGet();
                assertThat(after).as("refused %s changed the database", bodies.get(i)).isEqualTo(current);
            }
            current = after;
            if (i % 50 == 0) {
                long started = System.nanoTime();
                as("watcher").document("{ incidents(first: 1) { totalCount } }").execute().path("incidents.totalCount").hasValue();
                cheapMillis.add((System.nanoTime() - started) / 1_000_000);
            }
        }
        int socketCloses = hostileSocketMessages(incident);
        System.out.printf("HOSTILE %d HTTP requests (%d refused), %d WebSocket messages closed by the server; slowest cheap query %d ms%n",
                bodies.size(), refused.get(), socketCloses, cheapMillis.stream().mapToLong(Long::longValue).max().orElse(0));
        outcomes.forEach((outcome, count) -> System.out.printf("HOSTILE   %-40s %d%n", outcome, count));
        assertThat(cheapMillis).allSatisfy(millis -> assertThat(millis).isLessThan(1000));
        assertThat(output.getOut()).doesNotContain("\tat dev.incidentcommand").doesNotContain("INTERNAL_ERROR")
                .doesNotContain("Unresolved");
    }

    /** Frames of every sort on signed-in sockets: each is answered, or closes the socket with 4400; none with 1011. */
    private int hostileSocketMessages(String incident) {
        Random random = new Random(7);
        Supplier<String> frame = () -> switch (random.nextInt(6)) {
            case 0 -> hostileText().sample();
            case 1 -> "[]";
            case 2 -> "{\"type\":\"" + hostileText().sample().replace("\"", "") + "\"}";
            case 3 -> "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + hostileText().sample().replace("\"", "")
                    .replace("\\", "") + "\"}}";
            case 4 -> "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { incidentTimeline(incidentId: \\\""
                    + incident + "\\\", afterSequence: -5) { sequence } }\"}}";
            default -> "{\"type\":\"subscribe\"}";
        };
        int closes = 0;
        for (int i = 0; i < SOCKET_MESSAGES; i++) {
            String message = frame.get();
            AtomicReference<Integer> code = new AtomicReference<>();
            WebSocketHandler handler = new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return List.of("graphql-transport-ws");
                }

                @Override
                public Mono<Void> handle(WebSocketSession session) {
                    String init = "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                            + Tokens.jwt("socket-fuzzer", "VIEWER") + "\"}}";
                    // Only a close the server initiates counts; after half a second the client leaves by itself.
                    Mono<Void> serverClosed = session.receive().then()
                            .then(session.closeStatus().doOnNext(status -> code.set(status.getCode())).then());
                    return Mono.when(
                                    session.send(Mono.just(session.textMessage(init)).concatWith(Mono.delay(Duration.ofMillis(50))
                                            .map(tick -> session.textMessage(message)))),
                                    serverClosed)
                            .timeout(Duration.ofMillis(500), session.close());
                }
            };
            new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/graphql"), handler)
                    .block(Duration.ofSeconds(15));
            if (code.get() != null && code.get() != 1000) {
                closes++;
                assertThat(code.get()).as(message).isIn(4400, 4401, 4409);
            }
        }
        return closes;
    }
}
