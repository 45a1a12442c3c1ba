package dev.incidentcommand.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints every thread of the test JVM (the server under test runs in it) when a test is still
 * running after {@link #AFTER}: taken while a stalled request still hangs, before the client's
 * 30-second timeout ends the test, so the dump shows what the server or the client waits on.
 * It changes no outcome.
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
        ScheduledFuture<?> watch = TIMER.schedule(() -> dump(test), AFTER.toMillis(), TimeUnit.MILLISECONDS);
        context.getStore(NAMESPACE).put("watch", watch);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ScheduledFuture<?> watch = context.getStore(NAMESPACE).remove("watch", ScheduledFuture.class);
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private static void dump(String test) {
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
        System.err.println(out.append("=== end of thread dump\n"));
    }
}
