package dev.incidentcommand.common;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Background work that runs on a schedule for as long as the application runs. */
public abstract class ScheduledWork implements SmartLifecycle {

    private final String name;
    private final Duration first;
    private final Duration every;
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
        schedule = Periodically.run(name, first, every, this::runOnce);
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
