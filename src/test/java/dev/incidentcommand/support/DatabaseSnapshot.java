package dev.incidentcommand.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.database.PostgresLocation;
import org.springframework.core.env.Environment;

/**
 * Everything the server stores, as a digest per table: two snapshots are equal exactly when no
 * row was added, changed or removed in between.
 */
public final class DatabaseSnapshot {

    /** Tables that change on their own, not because of a request: when a token was last used. */
    private static final List<String> IGNORED_COLUMNS = List.of("last_used_at");

    private DatabaseSnapshot() {
    }

    public static Map<String, String> of(Environment environment) {
        PostgresLocation location = PostgresLocation.parse(environment.getProperty("incident-command.database.url"),
                environment.getProperty("incident-command.database.username"), null);
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), location.username(), location.password());
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'incident_command' AND table_name <> 'flyway_schema_history' ORDER BY table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : tables) {
                String row = "to_jsonb(t)" + IGNORED_COLUMNS.stream().map(column -> " - '" + column + "'").reduce("", String::concat);
                try (ResultSet rows = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg((" + row
                        + ")::text, ',' ORDER BY (" + row + ")::text), '')) FROM incident_command." + table + " t")) {
                    rows.next();
                    digests.put(table, rows.getLong(1) + ":" + rows.getString(2));
                }
            }
            return digests;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database", e);
        }
    }
}
