package dev.incidentcommand.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.incidentcommand.IncidentCommandApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database configured the server brings its own PostgreSQL, and incidents survive a restart. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IncidentCommandApplication.class)
                .run("--server.port=0",
                        "--incident-command.database.url=",
                        "--incident-command.database.embedded-data-directory=" + home.resolve("postgres"));
    }

    private static HttpGraphQlTester client(ConfigurableApplicationContext app) {
        int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql").defaultHeader("X-Actor", "alice").build());
    }

    @Test
    void incidentsSurviveARestartOfTheEmbeddedDatabase() {
        String key;
        try (ConfigurableApplicationContext app = start()) {
            key = client(app).document("mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } } }")
                    .variable("input", Map.of("title", "Kept across restarts", "severity", "SEV3"))
                    .execute().path("declareIncident.incident.key").entity(String.class).get();
        }
        assertThat(home.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(Files.exists(home.resolve("postgres.log"))).isTrue();

        try (ConfigurableApplicationContext app = start()) {
            client(app).document("query($id: ID!) { incident(id: $id) { title } }").variable("id", key).execute()
                    .path("incident.title").entity(String.class).isEqualTo("Kept across restarts");
        }
    }
}
