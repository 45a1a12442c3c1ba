package dev.incidentcommand.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server driven by the GraphQL ecosystem's own clients, from Node, as third-party tooling would
 * (see {@code clients/check.mjs}): the graphql-http audit of GraphQL over HTTP, the graphql-ws and
 * graphql-sse reference clients, and urql with automatic persisted queries over GET.
 */
class EcosystemClientsTest extends IntegrationTest {

    private static final Path CLIENTS = Path.of("clients");

    @Test
    void theEcosystemsClientsAndTheHttpAuditPassEverything() throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(CLIENTS.resolve("node_modules"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("REQUIRE_NODE_CLIENTS"))) {
            fail("REQUIRE_NODE_CLIENTS=true but clients/node_modules is missing: run npm ci --prefix clients");
        }
        assumeTrue(installed, "Skipped: run 'npm ci --prefix clients' to drive the server with the Node clients");

        Process node = new ProcessBuilder(List.of("node", "check.mjs", "http://localhost:" + port, Tokens.jwt("checker", "RESPONDER")))
                .directory(CLIENTS.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output.lines().map(line -> "CLIENTS " + line).reduce("", (all, line) -> all + line + "\n"));
        assertThat(finished).as("the checks finish").isTrue();
        assertThat(output)
                .contains("PASS graphql-http audit MUST: 13/13")
                .contains("PASS graphql-http audit SHOULD: 23/23")
                .contains("PASS graphql-http audit MAY: 25/25")
                .contains("PASS graphql-ws subscription")
                .contains("PASS graphql-sse subscription with resume")
                .contains("PASS urql query with automatic persisted queries over GET")
                .contains("PASS urql subscription")
                .contains("ALL PASSED");
        assertThat(node.exitValue()).isZero();
    }
}
