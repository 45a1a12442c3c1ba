package dev.incidentcommand.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.ServerProcess;
import dev.incidentcommand.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server as an operator runs it: a process of its own, on its own PostgreSQL, with JSON logs.
 * Its health follows the database, its metrics are scraped, and stopping it (SIGTERM) ends live
 * subscriptions with a message saying where to resume.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Path home;
    private EmbeddedPostgres database;
    private int databasePort;
    private int port;
    private Process server;
    private Path output;
    private WebClient http;

    /**
     * A request to the server that got no answer in time leaves evidence while it may still hang:
     * the server's threads (from {@code jcmd}), the test JVM's Reactor threads and the server's log.
     */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOfAStall = context -> context.getExecutionException().ifPresent(error -> {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "Thread.print").redirectErrorStream(true).start();
            System.err.println("[server threads]\n" + new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith("reactor-")) {
                    System.err.println("[test JVM thread] " + thread.getName() + " " + thread.getState() + Arrays.stream(stack)
                            .limit(25).map(frame -> "\n\tat " + frame).collect(Collectors.joining()));
                }
            });
            List<String> log = Files.readAllLines(output);
            System.err.println("[server log, last lines]\n" + String.join("\n", log.subList(Math.max(0, log.size() - 80), log.size())));
        } catch (IOException e) {
            System.err.println("Could not collect evidence of the failure: " + e);
        }
    });

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        home = dir;
        databasePort = ServerProcess.freePort();
        database = startPostgres();
        port = ServerProcess.freePort();
        output = home.resolve("server.log");
        server = ServerProcess.start(ServerProcess.arguments(port, "postgresql://localhost:" + databasePort + "/postgres", "postgres"),
                Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"), output);
        http = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER")).build();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> status("/actuator/health/readiness") == 200);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
        if (database != null) {
            database.close();
        }
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(home.resolve("pg")).setCleanDataDirectory(false).start();
    }

    /** The status of a GET sent without any credential. */
    private int status(String path) {
        return WebClient.create("http://localhost:" + port).get().uri(path)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private String declare(String title) {
        Map<String, Object> body = http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "mutation($t: String!) { declareIncident(input: {title: $t, severity: SEV3}) { incident { key } } }",
                        "variables", Map.of("t", title)))
                .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(15));
        return (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) body.get("data"))
                .get("declareIncident")).get("incident")).get("key");
    }

    @Test
    @Order(1)
    void healthIsPublicAndOnlyHealth() {
        assertThat(status("/actuator/health")).isEqualTo(200);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(status("/actuator/prometheus")).isEqualTo(401);
    }

    @Test
    @Order(2)
    void metricsNameRequestsSubscriptionsEventsLagBacklogsAndThePool() {
        String key = declare("Metrics");
        String metrics = await().atMost(PATIENCE).until(() -> http.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(10)), text -> text.contains("incident_command_graphql_requests_seconds_count")
                // The framework times a request once its response is written, so possibly after the client has it.
                && text.contains("http_server_requests_seconds_count") && text.contains("uri=\"/actuator/health\""));
        assertThat(metrics)
                .contains("incident_command_graphql_requests_seconds_count{application=\"incident-command\",field=\"declareIncident\",operation=\"mutation\",outcome=\"ok\"}")
                .contains("incident_command_live_subscriptions")
                .contains("incident_command_websocket_connections")
                .contains("incident_command_live_events_read_total")
                .contains("incident_command_live_events_delivered_total")
                .contains("incident_command_live_lag_seconds_bucket")
                .contains("incident_command_rules_due")
                .contains("incident_command_notifications_backlog")
                .contains("incident_command_notifications_delivered_total")
                .contains("incident_command_database_statements_total")
                .contains("r2dbc_pool_acquired_connections")
                .contains("logback_events_total{application=\"incident-command\",level=\"error\"}");
        // The declaration above wrote its line about the change, at INFO.
        assertThat(metrics).containsPattern("logback_events_total\\{application=\"incident-command\",level=\"info\"} [1-9]");
        // GraphQL is timed by operation and field above; the framework's per-URI timer covers the rest.
        assertThat(metrics).doesNotContain("uri=\"/graphql\"");
        assertThat(key).startsWith("INC-");
    }

    @Test
    @Order(3)
    void logsAreJsonWithOperationIncidentAndActorOnEveryLineAboutAChange() throws IOException {
        String key = declare("Structured logs");
        await().atMost(PATIENCE).until(() -> Files.readString(output).contains("\"incident\":\"" + key + "\""));
        List<JsonNode> lines = Files.readAllLines(output).stream().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
        assertThat(lines).isNotEmpty();
        JsonNode change = lines.stream().filter(line -> key.equals(line.path("incident").asString())).findFirst().orElseThrow();
        assertThat(change.path("operation").asString()).isEqualTo("declareIncident");
        assertThat(change.path("actor").asString()).isEqualTo("alice");
        assertThat(change.path("message").asString()).contains(key);
        assertThat(change.has("@timestamp")).isTrue();
    }

    @Test
    @Order(4)
    void readinessFollowsTheDatabaseWhileLivenessStaysUp() throws IOException {
        database.close();
        await().atMost(PATIENCE).until(() -> status("/actuator/health/readiness") == 503);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        database = startPostgres();
        await().atMost(PATIENCE).until(() -> status("/actuator/health/readiness") == 200);
    }

    @Test
    @Order(5)
    void stoppingTheServerEndsSubscriptionsWithWhereToResumeAndExitsCleanly() throws Exception {
        String key = declare("Shutdown");
        List<String> overSse = new CopyOnWriteArrayList<>();
        String subscription = "subscription($id: ID!) { incidentTimeline(incidentId: $id, afterSequence: 0) { sequence } }";
        Disposable sse = http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(Map.of("query", subscription, "variables", Map.of("id", key)))
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(event -> overSse.add(event.event() + " " + event.data()));
        List<String> overWebSocket = new CopyOnWriteArrayList<>();
        WebSocketGraphQlClient socket = WebSocketGraphQlClient.builder("ws://localhost:" + port + "/graphql",
                        new ReactorNettyWebSocketClient())
                .interceptor(IntegrationTest.signIn(Tokens.jwt("wall", "VIEWER"))).build();
        Disposable ws = socket.document(subscription).variable("id", key).executeSubscription()
                .subscribe(response -> overWebSocket.add("event"), error -> overWebSocket.add("error " + error.getMessage()));
        await().atMost(PATIENCE).until(() -> overSse.stream().anyMatch(line -> line.contains("sequence")) && !overWebSocket.isEmpty());

        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops within a minute").isTrue();
        assertThat(server.exitValue()).isIn(0, 143);
        await().atMost(Duration.ofSeconds(10)).until(() -> overSse.stream().anyMatch(line -> line.contains("restarting")));
        assertThat(overSse.stream().filter(line -> line.contains("restarting")).findFirst().orElseThrow())
                .contains("afterSequence: 1").contains(key);
        await().atMost(Duration.ofSeconds(10)).until(() -> overWebSocket.stream().anyMatch(line -> line.startsWith("error")));
        assertThat(overWebSocket.stream().filter(line -> line.startsWith("error")).findFirst().orElseThrow()).contains("afterSequence: 1");
        assertThat(Files.readAllLines(output).stream().filter(line -> line.contains("\"level\":\"ERROR\"")))
                .as("the server's lines at ERROR").isEmpty();
        sse.dispose();
        ws.dispose();
    }
}
