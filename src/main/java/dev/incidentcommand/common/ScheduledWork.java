package dev.incidentcommand.common;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Background work that runs on a schedule for as long as the application runs, and says whether it keeps up. */
public abstract class ScheduledWork implements SmartLifecycle {

    /** Runs missed in a row before the work counts as stuck. */
    private static final int MISSED_RUNS = 3;

    private final String name;
    private final Duration first;
    private final Duration every;
    private final Instant createdAt = Instant.now();
    private volatile Instant lastSucceededAt;
    private Disposable schedule;

    protected ScheduledWork(String name, Duration first, Duration every) {
        this.name = name;
        this.first = first;
        this.every = every;
    }

    /** One run of the work. */
    protected abstract Mono<?> runOnce();

    @Override
    public void start() {
        schedule = Periodically.run(name, first, every,
                () -> runOnce().doOnSuccess(done -> lastSucceededAt = Instant.now()));
    }

    /**
     * Whether a run succeeded lately: within a few intervals, or since start when it has not had
     * the time to run yet. Work that keeps failing (say, its database is gone) is not keeping up.
     */
    public boolean keepingUp() {
        Instant since = lastSucceededAt != null ? lastSucceededAt : createdAt.plus(first);
        return Instant.now().isBefore(since.plus(every.multipliedBy(MISSED_RUNS)).plusSeconds(5));
    }

    public Instant lastSucceededAt() {
        return lastSucceededAt;
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isDisposed();
    }
}
