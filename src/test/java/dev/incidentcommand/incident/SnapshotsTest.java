package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotsTest {

    private static Incident at(int sequence) {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        return new Incident(7, "INC-7", "t", Severity.SEV2, IncidentStatus.INVESTIGATING, IncidentSource.MANUAL, null,
                Impact.UNKNOWN, null, null, 1, t, t, null, null, null, t, sequence,
                new Incident.Watch(null, t, null, null, false, null));
    }

    @Test
    void subscribersReceivingTheSameChangeShareOneRead() {
        Snapshots snapshots = new Snapshots();
        AtomicInteger reads = new AtomicInteger();
        for (int subscriber = 0; subscriber < 50; subscriber++) {
            assertThat(snapshots.of("tasks", at(4), () -> Mono.fromSupplier(reads::incrementAndGet)).block()).isEqualTo(1);
        }
        assertThat(reads).hasValue(1);
        // The next change is a new state: read again.
        assertThat(snapshots.of("tasks", at(5), () -> Mono.fromSupplier(reads::incrementAndGet)).block()).isEqualTo(2);
    }

    @Test
    void aFailedReadIsNotRemembered() {
        Snapshots snapshots = new Snapshots();
        AtomicInteger attempts = new AtomicInteger();
        // A read that fails the first time (the database was away) and works the next.
        Mono<Integer> flakyRead = Mono.defer(() -> attempts.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("database away"))
                : Mono.just(attempts.get()));
        assertThatThrownBy(() -> snapshots.of("tasks", at(9), () -> flakyRead).block()).hasMessageContaining("database away");
        assertThat(snapshots.of("tasks", at(9), () -> flakyRead).block()).isEqualTo(2);
        assertThat(snapshots.of("tasks", at(9), () -> flakyRead).block()).isEqualTo(2);
        assertThat(attempts).hasValue(2);
    }
}
