package dev.incidentcommand.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.incidentcommand.database.PostgresLocation;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Prints every thread of the test JVM (the server under test runs in it) when a test is still
 * running after {@link #AFTER}: taken while a stalled request still hangs, before the client's
 * 30-second timeout ends the test, so the dump shows what the server or the client waits on:
 * with the threads, the server's sockets and their queues (bytes a side has not read yet), its
 * connection pool and its database sessions. It changes no outcome.
 */
public final class StallWatch implements BeforeEachCallback, AfterEachCallback {

    static final Duration AFTER = Duration.ofSeconds(20);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stall-watch");
        thread.setDaemon(true);
        return thread;
    });
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StallWatch.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String test = context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName();
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        ScheduledFuture<?> watch = TIMER.schedule(() -> dump(test, application), AFTER.toMillis(), TimeUnit.MILLISECONDS);
        context.getStore(NAMESPACE).put("watch", watch);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ScheduledFuture<?> watch = context.getStore(NAMESPACE).remove("watch", ScheduledFuture.class);
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private static void dump(String test, ApplicationContext application) {
        StringBuilder out = new StringBuilder("\n=== " + test + " still running after " + AFTER.toSeconds()
                + " s; the test JVM's threads:\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        out.append("=== end of thread dump\n");
        String port = application.getEnvironment().getProperty("local.server.port");
        out.append("=== the server's sockets (port ").append(port).append("):\n")
                .append(command("ss", "-tnoi", "( sport = :" + port + " or dport = :" + port + " )"));
        application.getBeanProvider(ConnectionPool.class).ifAvailable(pool -> pool.getMetrics().ifPresent(metrics ->
                out.append("=== connection pool: acquired ").append(metrics.acquiredSize())
                        .append(", idle ").append(metrics.idleSize())
                        .append(", pending ").append(metrics.pendingAcquireSize()).append('\n')));
        out.append("=== database sessions:\n").append(sessions(application));
        System.err.println(out);
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "(" + e + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }

    private static String sessions(ApplicationContext application) {
        var environment = application.getEnvironment();
        PostgresLocation database = PostgresLocation.parse(environment.getProperty("incident-command.database.url"),
                environment.getProperty("incident-command.database.username"), null);
        DriverManager.setLoginTimeout(5);
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             var statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            StringBuilder out = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("""
                    select pid, state, wait_event_type, wait_event, now() - xact_start as in_transaction, left(query, 120) as query
                    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""")) {
                while (rows.next()) {
                    out.append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append('/').append(rows.getString(4)).append(' ')
                            .append(rows.getString(5)).append(' ').append(rows.getString(6)).append('\n');
                }
            }
            return out.toString();
        } catch (SQLException | RuntimeException e) {
            return "(" + e + ")\n";
        }
    }
}
