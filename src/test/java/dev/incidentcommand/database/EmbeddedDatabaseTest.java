package dev.incidentcommand.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import dev.incidentcommand.IncidentCommandApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing configured the server brings its own PostgreSQL, keeps incidents across restarts,
 * and on its first start issues an ADMIN token, saved where only its owner can read it.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IncidentCommandApplication.class)
                .run("--server.port=0",
                        "--incident-command.database.url=",
                        "--incident-command.security.bootstrap-token=",
                        "--incident-command.security.admin-token-file=" + home.resolve("admin-token"),
                        "--incident-command.database.embedded-data-directory=" + home.resolve("postgres"));
    }

    private HttpGraphQlTester client(ConfigurableApplicationContext app) throws IOException {
        int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
        String token = Files.readString(home.resolve("admin-token")).strip();
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql").defaultHeader("Authorization", "Bearer " + token).build());
    }

    @Test
    void aFirstStartGivesAnAdminTokenAndIncidentsSurviveARestart() throws IOException {
        String key;
        String firstToken;
        try (ConfigurableApplicationContext app = start()) {
            Path tokenFile = home.resolve("admin-token");
            assertThat(tokenFile).exists();
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            firstToken = Files.readString(tokenFile).strip();
            assertThat(firstToken).startsWith("icmd_").hasSizeGreaterThanOrEqualTo(5 + 43);
            client(app).document("{ viewer { handle role } }").execute()
                    .path("viewer.handle").entity(String.class).isEqualTo("admin")
                    .path("viewer.role").entity(String.class).isEqualTo("ADMIN");
            key = client(app).document("mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } } }")
                    .variable("input", Map.of("title", "Kept across restarts", "severity", "SEV3"))
                    .execute().path("declareIncident.incident.key").entity(String.class).get();
        }
        assertThat(home.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(Files.exists(home.resolve("postgres.log"))).isTrue();

        try (ConfigurableApplicationContext app = start()) {
            // A token exists now: none is issued again, and the first still works.
            assertThat(Files.readString(home.resolve("admin-token")).strip()).isEqualTo(firstToken);
            client(app).document("query($id: ID!) { incident(id: $id) { title declaredBy { handle } } }").variable("id", key).execute()
                    .path("incident.title").entity(String.class).isEqualTo("Kept across restarts")
                    .path("incident.declaredBy.handle").entity(String.class).isEqualTo("admin");
        }
    }
}
