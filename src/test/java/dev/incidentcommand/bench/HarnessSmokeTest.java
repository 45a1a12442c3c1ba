package dev.incidentcommand.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.incidentcommand.IncidentCommandApplication;
import dev.incidentcommand.database.PostgresLocation;
import dev.incidentcommand.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The load harness ({@code bench/run.mjs}) still works: its smoke run starts the server on a
 * database of its own, drives every scenario briefly over HTTP and WebSocket, and finds nothing
 * lost, repeated or failing. It checks that the harness works, never how fast the server is.
 * The jar is not built yet when tests run, so the harness starts the server from this classpath.
 */
class HarnessSmokeTest {

    private static final Path BENCH = Path.of("bench");

    @Test
    void theSmokeRunOfTheLoadHarnessFindsNothingBroken() throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(BENCH.resolve("node_modules"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("REQUIRE_NODE_CLIENTS"))) {
            fail("REQUIRE_NODE_CLIENTS=true but bench/node_modules is missing: run npm ci --prefix bench");
        }
        assumeTrue(installed, "Skipped: run 'npm ci --prefix bench' to smoke-test the load harness");

        // The harness creates (and drops) its database on the tests' PostgreSQL server; this
        // fresh, empty one is only where it connects to do so.
        PostgresLocation db = TestDatabase.freshDatabase();
        String credentials = db.username() + (db.password() == null ? "" : ":" + db.password());
        String pg = "postgresql://" + credentials + "@" + db.host() + ":" + db.port() + "/" + db.database();
        Path results = Files.createTempFile("bench-smoke", ".json");
        Path log = Files.createTempFile("bench-smoke", ".log");

        Process node = new ProcessBuilder(List.of("node", "bench/run.mjs", "smoke",
                "--classpath", System.getProperty("java.class.path"),
                "--main-class", IncidentCommandApplication.class.getName(),
                "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--pg", pg,
                "--out", results.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly().waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text.lines().map(line -> "BENCH " + line).reduce("", (all, line) -> all + line + "\n"));

        assertThat(finished).as("the smoke run finishes").isTrue();
        assertThat(text)
                .contains("| work")
                .contains("addNote, ")
                .contains("SQL statements per board request")
                .contains("fan-out: ")
                .contains("memory per idle subscriber")
                .doesNotContain("PROBLEMS:");
        assertThat(node.exitValue()).as("exit status of the smoke run").isZero();
        assertThat(Files.readString(results)).contains("\"problems\": []");
        Files.deleteIfExists(results);
        Files.deleteIfExists(log);
    }
}
