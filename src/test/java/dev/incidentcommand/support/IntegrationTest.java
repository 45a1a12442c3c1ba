package dev.incidentcommand.support;

import java.time.Duration;

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

    private HttpGraphQlTester tester() {
        return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }
}
