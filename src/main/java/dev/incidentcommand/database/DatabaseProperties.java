package dev.incidentcommand.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the incidents are kept. With no {@code url}, an embedded PostgreSQL is started that keeps
 * its data in {@code embeddedDataDirectory}.
 *
 * @param url                   {@code postgresql://host:port/database} (a {@code jdbc:} or {@code r2dbc:} prefix is accepted)
 * @param username              user for {@code url}; may also be given in the url
 * @param password              password for {@code url}; may also be given in the url
 * @param schema                the PostgreSQL schema holding the server's tables
 * @param embeddedDataDirectory where the embedded PostgreSQL keeps its files
 * @param statementTimeout      the longest any one statement may run; a backstop behind the request timeout
 */
@ConfigurationProperties("incident-command.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("incident_command") String schema,
        @DefaultValue(".incident-command/postgres") Path embeddedDataDirectory,
        @DefaultValue("30s") Duration statementTimeout) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
