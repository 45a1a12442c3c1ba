package dev.incidentcommand.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.IncidentCommandApplication;

/** The server in a JVM of its own, as operators run it: it can be stopped with SIGTERM or killed, and its output read. */
public final class ServerProcess {

    private ServerProcess() {
    }

    /** Starts the server with these arguments and environment; its output (stdout and stderr) goes to {@code output}. */
    public static Process start(List<String> arguments, Map<String, String> environment, Path output) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), IncidentCommandApplication.class.getName()));
        command.addAll(arguments);
        try {
            Files.deleteIfExists(output);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments every test server needs besides its database: a port, test credentials, no rate limit. */
    public static List<String> arguments(int port, String databaseUrl, String databaseUser) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
                "--incident-command.database.url=" + databaseUrl,
                "--incident-command.database.username=" + databaseUser,
                "--incident-command.limits.requests-per-second=100000",
                "--incident-command.limits.burst=100000"));
        Map.of("incident-command.security.bootstrap-token", Tokens.ADMIN_TOKEN,
                "incident-command.security.jwt.public-key", Tokens.publicKeyPem(),
                "incident-command.security.jwt.issuer", Tokens.ISSUER).forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
