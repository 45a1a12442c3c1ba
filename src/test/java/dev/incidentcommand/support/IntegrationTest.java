package dev.incidentcommand.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.incidentcommand.IncidentCommandApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A test against the whole server: real HTTP on a random port, real PostgreSQL (a fresh database
 * per application context). {@link #as(String)} sends requests as a given responder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Environment environment;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        var database = TestDatabase.freshDatabase();
        registry.add("incident-command.database.url", () -> TestDatabase.url(database));
        registry.add("incident-command.database.username", database::username);
    }

    /** A client sending every request with {@code X-Actor: handle}. */
    protected HttpGraphQlTester as(String handle) {
        return tester().mutate().header("X-Actor", handle).build();
    }

    /** A client that says nothing about who it is. */
    protected HttpGraphQlTester anonymous() {
        return tester();
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A WebSocket client (graphql-transport-ws) for this server. */
    protected WebSocketGraphQlTester websocket() {
        return websocket(port);
    }

    protected static WebSocketGraphQlTester websocket(int port) {
        return WebSocketGraphQlTester.builder("ws://localhost:" + port + "/graphql", new ReactorNettyWebSocketClient())
                .build();
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
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(IncidentCommandApplication.class).run(arguments.toArray(String[]::new));
    }

    protected static int portOf(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    protected static HttpGraphQlTester as(int port, String handle) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("X-Actor", handle).responseTimeout(Duration.ofSeconds(30)).build());
    }

    private HttpGraphQlTester tester() {
        return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }
}
