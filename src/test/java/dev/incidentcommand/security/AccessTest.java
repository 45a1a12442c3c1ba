package dev.incidentcommand.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.WebSocketDisconnectedException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, asked the way clients ask: the same documents sent with each role's
 * credential, as API tokens and as JWTs from the identity provider, over HTTP and WebSocket.
 */
class AccessTest extends IntegrationTest {

    private static final String DECLARE = "mutation { declareIncident(input: {title: \"Disk full on db-3\", severity: SEV3}) { incident { key declaredBy { handle } } userErrors { code } } }";
    private static final String READ = "{ incidents(first: 5) { totalCount } viewer { handle role } }";

    /** Issues an API token as the bootstrap ADMIN and returns its secret. */
    private String issue(String responder, String role) {
        return admin().document("mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { prefix role owner { handle } } userErrors { code } } }")
                .variable("input", Map.of("name", responder + " " + role, "responder", responder, "role", role))
                .execute()
                .path("createApiToken.userErrors").entityList(Object.class).hasSize(0)
                .path("createApiToken.token.role").entity(String.class).isEqualTo(role)
                .path("createApiToken.secret").entity(String.class).get();
    }

    private int status(String token, String document) {
        var request = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.bodyValue(Map.of("query", document)).exchange().returnResult(String.class).getStatus().value();
    }

    private String body(String token, String document, int expectedStatus) {
        return http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("query", document)).exchange()
                .expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void eachRoleMayDoWhatItsFor() {
        String key = declare(as("alice"), "Checkout errors", "SEV2");
        String note = "mutation { addNote(input: {incidentId: \"" + key + "\", body: \"Deploy 4412 finished\"}) { note { id } } }";
        String severity = "mutation { changeSeverity(input: {incidentId: \"" + key + "\", severity: SEV1, reason: \"All regions\"}) { incident { severity } } }";
        String tokens = "{ apiTokens { name } }";
        for (boolean viaApiToken : List.of(true, false)) {
            String viewer = viaApiToken ? issue("screen", "VIEWER") : Tokens.jwt("screen", "VIEWER");
            String integration = viaApiToken ? issue("alertmanager", "INTEGRATION") : Tokens.jwt("alertmanager", "INTEGRATION");
            String responder = viaApiToken ? issue("bob", "RESPONDER") : Tokens.jwt("bob", "RESPONDER");
            String admin = viaApiToken ? Tokens.ADMIN_TOKEN : Tokens.jwt("root", "ADMIN");

            assertThat(List.of(status(viewer, READ), status(viewer, note), status(viewer, tokens))).containsExactly(200, 403, 403);
            assertThat(List.of(status(integration, DECLARE), status(integration, note), status(integration, severity),
                    status(integration, tokens))).containsExactly(200, 200, 403, 403);
            assertThat(List.of(status(responder, note), status(responder, severity), status(responder, tokens)))
                    .containsExactly(200, 200, 403);
            assertThat(List.of(status(admin, READ), status(admin, tokens))).containsExactly(200, 200);
            // Back to SEV2 for the next round.
            status(responder, "mutation { changeSeverity(input: {incidentId: \"" + key + "\", severity: SEV2, reason: \"Back\"}) { incident { severity } } }");
        }
        assertThat(body(Tokens.jwt("screen", "VIEWER"), note, 403)).contains("VIEWER").contains("FORBIDDEN");
        assertThat(body(Tokens.jwt("alertmanager", "INTEGRATION"), severity, 403)).contains("changeSeverity").contains("RESPONDER");
    }

    @Test
    void theActorIsAlwaysTheCredentialsResponder() {
        String secret = issue("pagerduty-bridge", "INTEGRATION");
        assertThat(body(secret, DECLARE, 200)).contains("\"handle\":\"pagerduty-bridge\"");
        assertThat(body(Tokens.jwt("carol", "RESPONDER"), DECLARE, 200)).contains("\"handle\":\"carol\"");
        bearer(secret).document(READ).execute().path("viewer.handle").entity(String.class).isEqualTo("pagerduty-bridge")
                .path("viewer.role").entity(String.class).isEqualTo("INTEGRATION");
    }

    @Test
    void withoutAValidCredentialNothingAnswersButHealthAndTheSignInPages() {
        assertThat(status(null, READ)).isEqualTo(401);
        assertThat(status("icmd_not-a-real-token", READ)).isEqualTo(401);
        http().get().uri("/graphql/schema").exchange().expectStatus().isUnauthorized();
        http().get().uri("/board/").exchange().expectStatus().isOk();
        String refusal = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer icmd_not-a-real-token").bodyValue(Map.of("query", READ)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                // The security filters all ran: the header writer's answer is on the refusal too.
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refusal).contains("not known");
    }

    @Test
    void badJwtsAreRefusedEachWithItsReason() {
        String expired = Tokens.jwt(claims -> claims.claim("preferred_username", "dave").claim("roles", List.of("RESPONDER"))
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
        String wrongIssuer = Tokens.jwt(claims -> claims.issuer("https://evil.example").claim("preferred_username", "dave")
                .claim("roles", List.of("RESPONDER")));
        String noHandle = Tokens.jwt(claims -> claims.claim("roles", List.of("RESPONDER")));
        String noRole = Tokens.jwt(claims -> claims.claim("preferred_username", "dave"));
        String systemName = Tokens.jwt("incident-command", "ADMIN");
        String stranger = Tokens.jwtSignedByStranger("dave", "ADMIN");
        for (String jwt : List.of(expired, wrongIssuer, noHandle, noRole, systemName, stranger)) {
            assertThat(status(jwt, READ)).as(jwt).isEqualTo(401);
        }
        assertThat(unauthorizedReason(expired)).contains("expired");
        assertThat(unauthorizedReason(wrongIssuer)).contains("iss");
        assertThat(unauthorizedReason(noHandle)).contains("preferred_username");
        assertThat(unauthorizedReason(noRole)).contains("no role");
        assertThat(unauthorizedReason(systemName)).contains("server's own name");
    }

    private String unauthorizedReason(String token) {
        return http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("query", READ)).exchange().expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void tokensAreShownOnceStoredHashedAndTheirLifeIsAudited() {
        String secret = issue("erin", "RESPONDER");
        assertThat(secret).startsWith("icmd_");
        // 256 random bits, base64url: 43 characters after the prefix.
        assertThat(secret.substring("icmd_".length())).hasSize(43).matches("[A-Za-z0-9_-]+");
        String listed = body(Tokens.ADMIN_TOKEN, "{ apiTokens { id name prefix role owner { handle } createdBy { handle } } }", 200);
        assertThat(listed).contains("\"name\":\"erin RESPONDER\"").doesNotContain(secret);
        assertThat(secret).startsWith(listed.replaceAll("(?s).*\"name\":\"erin RESPONDER\",\"prefix\":\"([^\"]+)\".*", "$1"));

        String id = admin().document("{ apiTokens { id name } }").execute().path("apiTokens").entityList(Map.class).get()
                .stream().filter(token -> token.get("name").equals("erin RESPONDER")).map(token -> (String) token.get("id")).findFirst().orElseThrow();
        admin().document("mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) { token { revokedAt revokedBy { handle } } userErrors { code } } }")
                .variable("id", id).execute()
                .path("revokeApiToken.token.revokedBy.handle").entity(String.class).isEqualTo("admin");
        assertThat(unauthorizedReason(secret)).contains("revoked");
        assertThat(errorCodes(admin(), "revokeApiToken", Map.of("tokenId", id))).containsExactly("ALREADY_REVOKED");
        assertThat(errorCodes(admin(), "createApiToken", Map.of("name", "sneaky", "responder", "incident-command", "role", "ADMIN")))
                .containsExactly("RESERVED_HANDLE");

        List<Map> audit = admin().document("{ tokenAudit { action actor { handle } token { name } } }").execute()
                .path("tokenAudit").entityList(Map.class).get();
        assertThat(audit).filteredOn(entry -> ((Map<?, ?>) entry.get("token")).get("name").equals("erin RESPONDER"))
                .extracting(entry -> entry.get("action")).containsExactly("REVOKED", "CREATED");
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        String key = "alertmanager:disk-full:" + System.nanoTime();
        String declare = "mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } } }";
        Map<String, Object> input = Map.of("title", "Disk full", "severity", "SEV3", "idempotencyKey", key);
        GraphQlTester squatter = as("mallory");
        GraphQlTester alerts = as("alertmanager", "INTEGRATION");
        String squatted = squatter.document(declare).variable("input", input).execute().path("declareIncident.incident.key").entity(String.class).get();
        String real = alerts.document(declare).variable("input", input).execute().path("declareIncident.incident.key").entity(String.class).get();
        String retried = alerts.document(declare).variable("input", input).execute().path("declareIncident.incident.key").entity(String.class).get();
        assertThat(real).isNotEqualTo(squatted).isEqualTo(retried);
    }

    @Test
    void overWebSocketTheCredentialComesWithConnectionInit() {
        String key = declare(as("alice"), "Live access", "SEV3");
        String timeline = "subscription($id: ID!) { incidentTimeline(incidentId: $id, afterSequence: 0) { sequence } }";
        // A VIEWER follows live; an INTEGRATION, an unknown token and no token at all are turned away with the protocol's codes.
        websocket().document(timeline).variable("id", key).executeSubscription().toFlux("incidentTimeline", Map.class)
                .take(1).blockLast(Duration.ofSeconds(20));
        assertThat(closeCode(websocket(port, issue("alerts", "INTEGRATION")), timeline, key)).isEqualTo(4403);
        assertThat(closeCode(websocket(port, "icmd_not-a-real-token"), timeline, key)).isEqualTo(4401);
        assertThat(closeCode(websocket(port, Tokens.jwtSignedByStranger("eve", "ADMIN")), timeline, key)).isEqualTo(4401);
    }

    private static int closeCode(WebSocketGraphQlTester client, String document, String incident) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            client.document(document).variable("id", incident).executeSubscription().toFlux("incidentTimeline", Map.class)
                    .doOnError(failure::set).onErrorComplete().blockLast(Duration.ofSeconds(20));
        } finally {
            client.stop().onErrorComplete().block(Duration.ofSeconds(5));
        }
        // A refused connection_init surfaces as a transport error naming the close status.
        assertThat(failure.get()).as("the socket was closed by the server").isNotNull();
        Matcher status = Pattern.compile("CloseStatus\\[code=(\\d+)").matcher(String.valueOf(failure.get().getMessage()));
        assertThat(status.find()).as(failure.get().getMessage()).isTrue();
        return Integer.parseInt(status.group(1));
    }

    @Test
    void revokingATokenEndsItsLiveSubscriptionsWithinSeconds() {
        String key = declare(as("alice"), "Revocation", "SEV3");
        String secret = issue("lobby-screen", "VIEWER");
        List<Object> received = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        WebSocketGraphQlTester screen = websocket(port, secret);
        Disposable subscription = screen.document("subscription($id: ID!) { incidentTimeline(incidentId: $id, afterSequence: 0) { sequence } }")
                .variable("id", key).executeSubscription().toFlux("incidentTimeline", Map.class)
                .subscribe(received::add, ended::set);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
            String id = admin().document("{ apiTokens { id name } }").execute().path("apiTokens").entityList(Map.class).get()
                    .stream().filter(token -> token.get("name").equals("lobby-screen VIEWER"))
                    .map(token -> (String) token.get("id")).findFirst().orElseThrow();
            admin().document("mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) { userErrors { code } } }")
                    .variable("id", id).execute().path("revokeApiToken.userErrors").entityList(Object.class).hasSize(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() != null);
            Throwable error = ended.get();
            while (error != null && !(error instanceof WebSocketDisconnectedException)) {
                error = error.getCause();
            }
            assertThat(error).isNotNull();
            WebSocketDisconnectedException closed = (WebSocketDisconnectedException) error;
            assertThat(closed.getCloseStatus().getCode()).isEqualTo(4403);
            assertThat(closed.getCloseStatus().getReason()).contains("revoked");
        } finally {
            subscription.dispose();
            screen.stop().onErrorComplete().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void crossSiteBrowserCallsAreRefusedUnlessTheirOriginIsAllowed() {
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER"))
                .bodyValue(Map.of("query", READ)).exchange().expectStatus().isForbidden();
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).header("Origin", "http://localhost:" + port)
                .header("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER"))
                .bodyValue(Map.of("query", READ)).exchange().expectStatus().isOk();
        // A page on another site cannot open a live connection with a token it got hold of.
        WebSocketGraphQlTester crossSite = WebSocketGraphQlTester.builder("ws://localhost:" + port + "/graphql",
                        new ReactorNettyWebSocketClient())
                .header("Origin", "https://evil.example")
                .interceptor(signIn(Tokens.jwt("wallboard", "VIEWER")))
                .build();
        try {
            assertThatThrownBy(() -> crossSite.document(READ).execute()).hasStackTraceContaining("403");
        } finally {
            crossSite.stop().onErrorComplete().block(Duration.ofSeconds(5));
        }
    }
}
