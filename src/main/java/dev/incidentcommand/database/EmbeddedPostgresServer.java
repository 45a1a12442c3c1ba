package dev.incidentcommand.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from binaries on the classpath, so the server runs on a machine that
 * has nothing but a JDK. Its data lives in a directory that survives restarts; its log is
 * {@code postgres.log} beside that directory.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedPostgresServer start(Path dataDirectory) {
        try {
            Path data = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(data.getParent());
            Path logFile = data.resolveSibling("postgres.log");
            log.info("No database configured: starting embedded PostgreSQL with data in {} (log: {})", data, logFile);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setServerConfig("max_connections", "100")
                    .start();
            return new EmbeddedPostgresServer(postgres, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    PostgresLocation location() {
        return new PostgresLocation("localhost", postgres.getPort(), "postgres", "postgres", null);
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping embedded PostgreSQL ({})", dataDirectory);
        postgres.close();
    }
}
