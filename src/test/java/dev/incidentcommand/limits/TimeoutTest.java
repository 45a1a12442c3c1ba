package dev.incidentcommand.limits;

import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static org.assertj.core.api.Assertions.assertThat;

/** A request that runs longer than the limit is stopped with a sentence saying so; the server goes on. */
@TestPropertySource(properties = "incident-command.limits.timeout=1ms")
class TimeoutTest extends IntegrationTest {

    @Test
    void aRequestOverTheTimeLimitIsStoppedAndSaysWhy() {
        // The incidents to read are written through a second instance with an ordinary limit, so the
        // query below has real work to do whatever the machine's speed.
        try (ConfigurableApplicationContext writer = secondInstance("--incident-command.limits.timeout=30s")) {
            HttpGraphQlTester alice = as(portOf(writer), "alice");
            for (int i = 0; i < 20; i++) {
                String key = declare(alice, "Slow to read " + i, "SEV3");
                createTask(alice, key, "INFORMATION_GATHERING", "Look at dashboards " + i, "bob");
            }
        }
        String body = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + Tokens.jwt("slowpoke", "VIEWER"))
                .bodyValue(Map.of("query", "{ incidents(first: 50) { edges { node { key postmortem sitrep { text } } } } }"))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("TIMEOUT").contains("was stopped").doesNotContain("INTERNAL_ERROR");
    }
}
