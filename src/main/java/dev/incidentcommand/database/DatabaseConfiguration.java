package dev.incidentcommand.database;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import reactor.netty.resources.LoopResources;

/**
 * Chooses the database (configured, or embedded when nothing is), migrates it with Flyway, and
 * hands its address to Spring's R2DBC auto-configuration. Everything that talks to the database
 * goes through the connection factory built from {@link R2dbcConnectionDetails}, so nothing can
 * touch a table before the migration has run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Present only when no database is configured; closed with the application. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(DatabaseProperties properties) {
        return new EmbeddedPostgresHolder(
                properties.configured() ? null : EmbeddedPostgresServer.start(properties.embeddedDataDirectory()));
    }

    @Bean
    MigratedDatabase migratedDatabase(DatabaseProperties properties, EmbeddedPostgresHolder embedded,
            ReactorResourceFactory eventLoops) {
        PostgresLocation location = embedded.server() != null
                ? embedded.server().location()
                : PostgresLocation.parse(properties.url(), properties.username(), properties.password());
        log.info("Using PostgreSQL at {}, schema {}", location.describe(), properties.schema());
        Flyway flyway = Flyway.configure()
                .dataSource(location.jdbcUrl(), location.username(), location.password())
                .schemas(properties.schema())
                .defaultSchema(properties.schema())
                .load();
        acceptRewordedComments(flyway);
        flyway.migrate();
        return new MigratedDatabase(location, properties.schema(), properties.statementTimeout(),
                eventLoops.getLoopResources());
    }

    /**
     * Migrations whose comments were corrected after they were released, with the checksum they
     * had before. A database that applied the earlier wording has its recorded checksum brought up
     * to date; any other difference still fails validation as it should.
     */
    private static final Map<String, Integer> REWORDED = Map.of("1", 2083644968);

    private static void acceptRewordedComments(Flyway flyway) {
        boolean reworded = Arrays.stream(flyway.info().applied())
                .anyMatch(applied -> applied.getVersion() != null
                        && REWORDED.containsKey(applied.getVersion().getVersion())
                        && REWORDED.get(applied.getVersion().getVersion()).equals(applied.getChecksum()));
        if (reworded) {
            log.info("Recording the corrected comments of earlier migrations");
            flyway.repair();
        }
    }

    @Bean
    R2dbcConnectionDetails r2dbcConnectionDetails(MigratedDatabase database) {
        return database::connectionFactoryOptions;
    }

    /** Transactions whose rollback on a lost connection does not hide why they failed: see {@link DatabaseTransactionManager}. */
    @Bean
    ReactiveTransactionManager transactionManager(ConnectionFactory connections) {
        return new DatabaseTransactionManager(connections);
    }

    /**
     * The client all SQL goes through, counting each statement it runs, so statements per request
     * can be measured from outside (the metric {@code incident_command_database_statements_total}).
     */
    @Bean
    DatabaseClient databaseClient(ConnectionFactory connections, MeterRegistry meters) {
        Counter statements = Counter.builder("incident_command.database.statements")
                .description("SQL statements run through the server's database client").register(meters);
        return DatabaseClient.builder()
                .connectionFactory(connections)
                .executeFunction(statement -> {
                    statements.increment();
                    return statement.execute();
                })
                .build();
    }

    /**
     * The database after its migrations ran: the only way to its address. Its connections run on
     * the event loops of the web server.
     */
    public record MigratedDatabase(PostgresLocation location, String schema, Duration statementTimeout, LoopResources loops) {

        public ConnectionFactoryOptions connectionFactoryOptions() {
            ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
                    .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                    .option(ConnectionFactoryOptions.HOST, location.host())
                    .option(ConnectionFactoryOptions.PORT, location.port())
                    .option(ConnectionFactoryOptions.DATABASE, location.database())
                    .option(ConnectionFactoryOptions.USER, location.username())
                    .option(PostgresqlConnectionFactoryProvider.SCHEMA, schema)
                    .option(PostgresqlConnectionFactoryProvider.OPTIONS,
                            Map.of("statement_timeout", statementTimeout.toMillis() + "ms"))
                    .option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, "incident-command")
                    // Rows in binary: decoding every timestamp from its text form cost more CPU than the query.
                    .option(PostgresqlConnectionFactoryProvider.FORCE_BINARY, true)
                    .option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.of(new InstantDecoding()))
                    .option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES, loops);
            if (location.password() != null) {
                options.option(ConnectionFactoryOptions.PASSWORD, location.password());
            }
            return options.build();
        }
    }

    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
