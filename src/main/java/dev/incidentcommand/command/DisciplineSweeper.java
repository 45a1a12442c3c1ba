package dev.incidentcommand.command;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import dev.incidentcommand.incident.IncidentChanges;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.common.ScheduledWork;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every instance sweeps for incidents whose rules time has made due (a reminder, a missed
 * check-in, the end of a monitoring window...). Due work lives in the database, so it survives
 * restarts; each incident is claimed with SKIP LOCKED and re-checked under its lock, so with any
 * number of instances every finding is recorded exactly once.
 */
@Component
public class DisciplineSweeper extends ScheduledWork {

    /** A bound on one sweep, so a burst of due incidents cannot hog the instance. */
    private static final int MAX_PER_SWEEP = 500;

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final Clock clock;
    private final AtomicLong stillDue = new AtomicLong();

    DisciplineSweeper(IncidentChanges changes, IncidentRepository incidents, Clock clock, DisciplineProperties settings) {
        super("Sweep for due rules", settings.sweepInterval(), settings.sweepInterval());
        this.changes = changes;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** Reviews every incident that is due now; emits how many were reviewed. */
    public Mono<Integer> sweep() {
        return Mono.defer(changes::reviewNextDue)
                .repeat(MAX_PER_SWEEP - 1)
                .takeWhile(reviewed -> reviewed)
                .count()
                .map(Long::intValue);
    }

    /** Incidents still due after the last sweep: a backlog that grows when sweeps cannot keep up. */
    long stillDue() {
        return stillDue.get();
    }

    @Override
    protected Mono<?> runOnce() {
        return sweep().then(incidents.countDue(clock.instant())).doOnNext(stillDue::set);
    }
}
