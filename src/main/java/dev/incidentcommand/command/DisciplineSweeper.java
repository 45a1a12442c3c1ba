package dev.incidentcommand.command;

import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.common.Periodically;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every instance sweeps for incidents whose rules time has made due (a reminder, a missed
 * check-in, the end of a monitoring window...). Due work lives in the database, so it survives
 * restarts; each incident is claimed with SKIP LOCKED and re-checked under its lock, so with any
 * number of instances every finding is recorded exactly once.
 */
@Component
public class DisciplineSweeper implements SmartLifecycle {

    /** A bound on one sweep, so a burst of due incidents cannot hog the instance. */
    private static final int MAX_PER_SWEEP = 500;

    private final IncidentChanges changes;
    private final DisciplineProperties settings;
    private Disposable schedule;

    DisciplineSweeper(IncidentChanges changes, DisciplineProperties settings) {
        this.changes = changes;
        this.settings = settings;
    }

    /** Reviews every incident that is due now; emits how many were reviewed. */
    public Mono<Integer> sweep() {
        return Mono.defer(changes::reviewNextDue)
                .repeat(MAX_PER_SWEEP - 1)
                .takeWhile(reviewed -> reviewed)
                .count()
                .map(Long::intValue);
    }

    @Override
    public void start() {
        schedule = Periodically.run("Sweep for due rules", settings.sweepInterval(), settings.sweepInterval(), this::sweep);
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
