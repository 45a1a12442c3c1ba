package dev.incidentcommand.transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

/** The ways in besides POST and WebSocket: queries by GET, persisted queries, subscriptions over Server-Sent Events. */
class OtherTransportsTest extends IntegrationTest {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final String viewer = "Bearer " + Tokens.jwt("wallboard", "VIEWER");

    private URI get(Map<String, String> params) {
        StringBuilder uri = new StringBuilder("http://localhost:" + port + "/graphql");
        params.forEach((name, value) -> uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return URI.create(uri.toString());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aQueryRunsByGetWithVariablesAndAMutationIsRefusedWith405() {
        String key = declare(as("alice"), "Readable by GET", "SEV3");
        http().get().uri(get(Map.of("query", "query($id: ID!) { incident(id: $id) { key title } }", "variables", "{\"id\": \"" + key + "\"}")))
                .header("Authorization", viewer).accept(GRAPHQL_RESPONSE).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.incident.title").isEqualTo("Readable by GET");

        http().get().uri(get(Map.of("query", "mutation { declareIncident(input: {title: \"x\", severity: SEV3}) { incident { key } } }")))
                .header("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER")).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "POST")
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("Mutations are sent by POST; GET only reads.");

        http().get().uri("/graphql").header("Authorization", viewer).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("'query'"));
        http().get().uri(get(Map.of("query", "{ viewer { handle } }", "variables", "not json"))).header("Authorization", viewer)
                .exchange().expectStatus().isBadRequest();
        http().get().uri(get(Map.of("query", "{ viewer { handle } }"))).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPersistedQueryIsSentByHashOnceTheServerKnowsItByPostAndByGet() throws Exception {
        String document = "{ viewer { handle role } }";
        String hash = sha256(document);
        String extensions = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}";

        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", viewer)
                .bodyValue("{\"extensions\": " + extensions + "}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("PersistedQueryNotFound")
                .jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", viewer)
                .bodyValue("{\"query\": \"{ viewer { handle } }\", \"extensions\": " + extensions + "}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", viewer)
                .bodyValue("{\"query\": \"" + document + "\", \"extensions\": " + extensions + "}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.viewer.handle").isEqualTo("wallboard");

        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", viewer)
                .bodyValue("{\"extensions\": " + extensions + "}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.viewer.role").isEqualTo("VIEWER");
        http().get().uri(get(Map.of("extensions", extensions))).header("Authorization", viewer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.viewer.handle").isEqualTo("wallboard");
    }

    @Test
    void aSubscriptionOverServerSentEventsReplaysFromASequenceThenGoesLive() {
        String key = declare(as("alice"), "Followed over SSE", "SEV3");
        mutate(as("alice"), "addNote", Map.of("incidentId", key, "body", "first note"), "note { id }");
        WebClient client = WebClient.builder().baseUrl("http://localhost:" + port).build();
        String subscription = "subscription($id: ID!) { incidentTimeline(incidentId: $id, afterSequence: 1) { sequence kind summary } }";
        Flux<Map<String, Object>> events = client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM).header("Authorization", viewer)
                .bodyValue(Map.of("query", subscription, "variables", Map.of("id", key)))
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
                })
                .filter(event -> "next".equals(event.event()))
                .map(ServerSentEvent::data);

        StepVerifier.create(events.map(OtherTransportsTest::kind).take(2))
                .expectNext("NOTE_ADDED")
                .then(() -> mutate(as("alice"), "addNote", Map.of("incidentId", key, "body", "live note"), "note { id }"))
                .expectNext("NOTE_ADDED")
                .verifyComplete();

        // Resuming beyond the newest event is refused in the stream, as over WebSocket.
        Flux<Map<String, Object>> tooFar = client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM).header("Authorization", viewer)
                .bodyValue(Map.of("query", subscription.replace("afterSequence: 1", "afterSequence: 99"), "variables", Map.of("id", key)))
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
                })
                .filter(event -> "next".equals(event.event()))
                .map(ServerSentEvent::data);
        StepVerifier.create(tooFar.take(1))
                .assertNext(result -> assertThat(result.toString()).contains("'afterSequence' is 99"))
                .verifyComplete();
    }

    @SuppressWarnings("unchecked")
    private static String kind(Map<String, Object> result) {
        Map<String, Object> data = (Map<String, Object>) result.get("data");
        return (String) ((Map<String, Object>) data.get("incidentTimeline")).get("kind");
    }

    @Test
    void aSubscriptionByPlainPostSaysWhichTransportsCarrySubscriptions() {
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(GRAPHQL_RESPONSE).header("Authorization", viewer)
                .bodyValue("{\"query\": \"subscription { timelineEvents { kind } }\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("WebSocket").contains("text/event-stream"));
    }
}
