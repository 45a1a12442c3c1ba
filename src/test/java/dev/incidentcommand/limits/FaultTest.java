package dev.incidentcommand.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.incidentcommand.IncidentCommandApplication;
import dev.incidentcommand.support.ServerProcess;
import dev.incidentcommand.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database restarts and the server is killed mid-burst, while clients keep retrying with their
 * idempotency keys, as tooling does: afterwards every note is there exactly once. While the
 * database is away, requests are told it is temporary and safe to retry, never INTERNAL_ERROR.
 */
class FaultTest {

    private static final int NOTES = 60;

    @TempDir
    Path home;

    private EmbeddedPostgres database;
    private int databasePort;

    @BeforeEach
    void startDatabase() throws IOException {
        databasePort = freePort();
        database = startPostgres();
    }

    @AfterEach
    void stopDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(home.resolve("pg"))
                .setCleanDataDirectory(false).start();
    }

    private List<String> serverArguments(int port) {
        return ServerProcess.arguments(port, "postgresql://localhost:" + databasePort + "/postgres", "postgres");
    }

    @Test
    void aDatabaseRestartMidBurstLosesNothingAndDoublesNothing() throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(IncidentCommandApplication.class)
                .run(serverArguments(port).toArray(String[]::new))) {
            Client client = new Client(port);
            String incident = client.declare("Database restart");
            Map<String, Integer> classifications = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            Mono<Void> burst = client.notes(incident, "restart", classifications, done);
            Mono<Void> restart = Mono.fromRunnable(() -> {
                        await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= NOTES / 3);
                        try {
                            database.close();
                            Thread.sleep(1500);
                            database = startPostgres();
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).then();
            Mono.when(burst, restart).block(Duration.ofMinutes(3));

            assertThat(client.noteBodies(incident, "restart")).hasSize(NOTES).doesNotHaveDuplicates();
            assertThat(classifications).doesNotContainKey("INTERNAL_ERROR");
            assertThat(classifications).containsKey("UNAVAILABLE");
            System.out.println("FAULT database restart: answers while away " + classifications);
        }
    }

    @Test
    void killingTheServerMidBurstLosesNothingAndDoublesNothing() throws Exception {
        int port = freePort();
        Process first = startProcess(port);
        Process second = null;
        try {
            Client client = new Client(port);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> client.declare("Kill -9") != null);
            String incident = client.declare("Kill -9 target");
            Map<String, Integer> classifications = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            Process[] restarted = new Process[1];
            Mono<Void> burst = client.notes(incident, "kill", classifications, done);
            Mono<Void> kill = Mono.fromRunnable(() -> {
                        await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= NOTES / 3);
                        first.destroyForcibly();
                        try {
                            first.waitFor();
                            restarted[0] = startProcess(port);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).then();
            Mono.when(burst, kill).block(Duration.ofMinutes(4));
            second = restarted[0];
            assertThat(client.noteBodies(incident, "kill")).hasSize(NOTES).doesNotHaveDuplicates();
            assertThat(classifications).doesNotContainKey("INTERNAL_ERROR");
            System.out.println("FAULT kill -9: answers around the kill " + classifications);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
                second.waitFor();
            }
        }
    }

    /** The server in a process of its own, so that it can be killed with SIGKILL. */
    private Process startProcess(int port) throws IOException {
        return ServerProcess.start(serverArguments(port), Map.of(), Files.createTempFile(home, "server", ".log"));
    }

    /** Tooling as it behaves: every note has its idempotency key and is sent again until it is answered. */
    private static final class Client {

        private final WebClient web;

        Client(int port) {
            this.web = WebClient.builder().baseUrl("http://localhost:" + port + "/graphql")
                    .defaultHeader("Authorization", "Bearer " + Tokens.jwt("deploy-bot", "RESPONDER")).build();
        }

        @SuppressWarnings("unchecked")
        private Mono<Map<String, Object>> post(String document, Map<String, Object> variables) {
            return web.post().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", document, "variables", variables))
                    .retrieve().bodyToMono(Map.class).map(body -> (Map<String, Object>) body).timeout(Duration.ofSeconds(10));
        }

        String declare(String title) {
            Map<String, Object> body = post("mutation($t: String!) { declareIncident(input: {title: $t, severity: SEV3}) { incident { key } } }",
                    Map.of("t", title)).block(Duration.ofSeconds(15));
            return (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) body.get("data")).get("declareIncident")).get("incident")).get("key");
        }

        Mono<Void> notes(String incident, String prefix, Map<String, Integer> classifications, AtomicInteger done) {
            IntFunction<Mono<Object>> one = i -> post("mutation($i: AddNoteInput!) { addNote(input: $i) { note { id } userErrors { code } } }",
                    Map.of("i", Map.of("incidentId", incident, "body", prefix + " note " + i, "idempotencyKey", prefix + "-" + i)))
                    .flatMap(body -> {
                        if (body.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
                            String classification = String.valueOf(((Map<?, ?>) ((Map<?, ?>) errors.get(0)).get("extensions")).get("classification"));
                            classifications.merge(classification, 1, Integer::sum);
                            return Mono.error(new IllegalStateException(classification));
                        }
                        return Mono.just((Object) body);
                    })
                    .onErrorResume(error -> !(error instanceof IllegalStateException), error -> {
                        classifications.merge("no answer", 1, Integer::sum);
                        return Mono.error(new IllegalStateException("no answer"));
                    })
                    .retryWhen(reactor.util.retry.Retry.fixedDelay(600, Duration.ofMillis(200)))
                    .doOnSuccess(ok -> done.incrementAndGet());
            return Flux.range(0, NOTES).flatMap(one::apply, 6).then();
        }

        List<String> noteBodies(String incident, String prefix) {
            Map<String, Object> body = post("query($id: ID!) { incident(id: $id) { notes { body } } }", Map.of("id", incident))
                    .block(Duration.ofSeconds(15));
            List<?> notes = (List<?>) ((Map<?, ?>) ((Map<?, ?>) body.get("data")).get("incident")).get("notes");
            return notes.stream().map(note -> (String) ((Map<?, ?>) note).get("body")).filter(text -> text.startsWith(prefix)).toList();
        }
    }

    private static int freePort() {
        return ServerProcess.freePort();
    }
}
