package dev.incidentcommand.limits;

import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A request that runs longer than the limit is stopped with a sentence saying so; the server goes on. */
@TestPropertySource(properties = "incident-command.limits.timeout=1ms")
class TimeoutTest extends IntegrationTest {

    @Test
    void aRequestOverTheTimeLimitIsStoppedAndSaysWhy() {
        String body = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + Tokens.jwt("slowpoke", "VIEWER"))
                .bodyValue(Map.of("query", "{ incidents(first: 50) { edges { node { key postmortem sitrep { text } } } } }"))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("TIMEOUT").contains("was stopped").doesNotContain("INTERNAL_ERROR");
    }
}
