package dev.incidentcommand.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first start on a fresh database must still give a working board at once. With
 * {@code INCIDENT_BOOTSTRAP_TOKEN} set, that secret is an ADMIN token from the start (automation,
 * CI). Otherwise, when no usable token exists, an ADMIN token is created for the responder
 * {@code admin}, written to a file only its owner can read, and a sign-in link is printed once.
 */
@Component
class FirstRun {

    static final String OWNER = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

    private final ApiTokens tokens;
    private final SecurityProperties properties;

    FirstRun(ApiTokens tokens, SecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        if (SecurityProperties.Jwt.present(properties.bootstrapToken())) {
            tokens.ensureAdmin(properties.bootstrapToken().strip(), OWNER, "bootstrap").block(Duration.ofMinutes(1));
            return;
        }
        tokens.firstAdmin(OWNER).blockOptional(Duration.ofMinutes(1)).ifPresent(secret -> {
            Path file = write(properties.adminTokenFile(), secret);
            log.warn("""

                    ================================================================================
                     No API token existed, so an ADMIN token was created for the responder '{}'.
                     Sign in to the board:  http://localhost:{}/board/#token={}
                     The token is saved in {} (readable only by you).
                     Create tokens for people and tools with createApiToken; revoke this one when done.
                    ================================================================================""",
                    OWNER, port, secret, file.toAbsolutePath());
        });
    }

    private static Path write(Path file, String secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the first admin token to " + file, e);
        }
    }
}
