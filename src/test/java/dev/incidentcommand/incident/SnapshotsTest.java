package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.incidentcommand.support.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotsTest {

    private static Incident at(int sequence) {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        return Fixtures.atSequence(Fixtures.incident(Severity.SEV2, IncidentStatus.INVESTIGATING, t), sequence);
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
