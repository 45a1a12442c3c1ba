package dev.incidentcommand.incident;

import java.time.Clock;
import java.time.Duration;

import dev.incidentcommand.common.ScheduledWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Forgets idempotency keys once no sane retry can still arrive (7 days by default), so the
 * table does not grow for ever. Any instance may run it; deleting twice is harmless.
 */
@Component
class IdempotencyRetention extends ScheduledWork {

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration retention;

    IdempotencyRetention(DatabaseClient db, Clock clock,
                         @Value("${incident-command.idempotency.retention:7d}") Duration retention) {
        super("Forgetting expired idempotency keys", Duration.ofMinutes(1), Duration.ofHours(1));
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    /** Deletes keys older than the retention; emits how many. */
    Mono<Long> forgetExpired() {
        return db.sql("DELETE FROM idempotency_key WHERE created_at < :cutoff")
                .bind("cutoff", clock.instant().minus(retention))
                .fetch().rowsUpdated();
    }

    @Override
    protected Mono<?> runOnce() {
        return forgetExpired();
    }
}
