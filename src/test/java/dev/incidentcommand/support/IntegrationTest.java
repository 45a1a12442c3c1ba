package dev.incidentcommand.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.IncidentCommandApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

/**
 * A test against the whole server: real HTTP on a random port, real PostgreSQL (a fresh database
 * per application context). The server trusts a test identity provider ({@link Tokens}), so
 * {@link #as(String)} sends requests as a given responder with a locally signed JWT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(StallWatch.class)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Environment environment;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        var database = TestDatabase.freshDatabase();
        registry.add("incident-command.database.url", () -> TestDatabase.url(database));
        registry.add("incident-command.database.username", database::username);
        securityProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** What every test instance is told about credentials. */
    protected static Map<String, String> securityProperties() {
        return Map.of(
                "incident-command.security.bootstrap-token", Tokens.ADMIN_TOKEN,
                "incident-command.security.jwt.public-key", Tokens.publicKeyPem(),
                "incident-command.security.jwt.issuer", Tokens.ISSUER);
    }

    /** A client acting as the responder {@code handle}, with a RESPONDER credential. */
    protected HttpGraphQlTester as(String handle) {
        return as(handle, "RESPONDER");
    }

    /** A client acting as {@code handle} with {@code role}. */
    protected HttpGraphQlTester as(String handle, String role) {
        return bearer(Tokens.jwt(handle, role));
    }

    /** A client sending {@code Authorization: Bearer token}. */
    protected HttpGraphQlTester bearer(String token) {
        return tester().mutate().header("Authorization", "Bearer " + token).build();
    }

    /** The bootstrap ADMIN. */
    protected HttpGraphQlTester admin() {
        return bearer(Tokens.ADMIN_TOKEN);
    }

    /** A client that sends no credential. */
    protected HttpGraphQlTester anonymous() {
        return tester();
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                // Responses may be large (long timelines, postmortems); the server, not the client, sets the limits.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();
    }

    /** A WebSocket client (graphql-transport-ws) for this server, signed in as a VIEWER wall screen. */
    protected WebSocketGraphQlTester websocket() {
        return websocket(port);
    }

    protected static WebSocketGraphQlTester websocket(int port) {
        return websocket(port, Tokens.jwt("wallboard", "VIEWER"));
    }

    /** A WebSocket client that signs in with {@code token} in its connection_init. */
    protected static WebSocketGraphQlTester websocket(int port, String token) {
        return WebSocketGraphQlTester.builder("ws://localhost:" + port + "/graphql", new ReactorNettyWebSocketClient())
                .interceptor(signIn(token))
                .build();
    }

    /** The connection_init payload that signs a WebSocket in. */
    public static WebSocketGraphQlClientInterceptor signIn(String token) {
        return new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return Mono.just(Map.of("Authorization", "Bearer " + token));
            }
        };
    }

    /**
     * Starts another instance of the server on this test's database, as a second node behind a
     * load balancer would be, on a free port unless the arguments name one. Close it when done.
     */
    protected ConfigurableApplicationContext secondInstance(String... extraArguments) {
        boolean portGiven = List.of(extraArguments).stream().anyMatch(argument -> argument.startsWith("--server.port="));
        List<String> arguments = new ArrayList<>(portGiven ? List.of() : List.of("--server.port=0"));
        arguments.addAll(List.of(
                "--incident-command.database.url=" + environment.getProperty("incident-command.database.url"),
                "--incident-command.database.username=" + environment.getProperty("incident-command.database.username")));
        securityProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(IncidentCommandApplication.class).run(arguments.toArray(String[]::new));
    }

    protected static int portOf(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    protected static HttpGraphQlTester as(int port, String handle) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + Tokens.jwt(handle, "RESPONDER"))
                .responseTimeout(Duration.ofSeconds(30)).build());
    }

    /** A plain GraphQL client (for load) acting as {@code handle}. */
    protected static HttpGraphQlClient client(int port, String handle) {
        return HttpGraphQlClient.builder(WebClient.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", "Bearer " + Tokens.jwt(handle, "RESPONDER")).build();
    }

    private HttpGraphQlTester tester() {
        return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }
}
