package dev.incidentcommand.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import dev.incidentcommand.database.PostgresLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL for tests. With {@code INCIDENT_DB_URL} set, that server is used; otherwise one
 * embedded PostgreSQL is started for the whole test run. Either way each caller gets a database of
 * its own, created fresh, so runs and test contexts never see each other's data.
 */
public final class TestDatabase {

    private static PostgresLocation server;
    private static boolean external;

    private TestDatabase() {
    }

    /** A new, empty database; returns its url for {@code incident-command.database.url}. */
    public static synchronized PostgresLocation freshDatabase() {
        PostgresLocation admin = server();
        String name = "ic_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + admin.describe(), e);
        }
        if (external) {
            // The embedded server's files go with it; an external server is cleaned up.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name)));
        }
        return admin.withDatabase(name);
    }

    public static String url(PostgresLocation location) {
        return "postgresql://" + location.host() + ":" + location.port() + "/" + location.database();
    }

    private static PostgresLocation server() {
        if (server == null) {
            String configured = System.getenv("INCIDENT_DB_URL");
            if (configured != null && !configured.isBlank()) {
                server = PostgresLocation.parse(configured, System.getenv("INCIDENT_DB_USER"), System.getenv("INCIDENT_DB_PASSWORD"));
                external = true;
            } else {
                try {
                    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                    server = new PostgresLocation("localhost", embedded.getPort(), "postgres", "postgres", null);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start embedded PostgreSQL for tests", e);
                }
            }
        }
        return server;
    }

    private static void drop(PostgresLocation admin, String name) {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // The embedded server may already be gone at shutdown; nothing is left behind then.
        }
    }
}
