package dev.incidentcommand.live;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FutureValueTest {

    @Test
    void givesTheValueOnceTheFutureCompletes() {
        CompletableFuture<String> future = new CompletableFuture<>();
        StepVerifier.create(FutureValue.of(() -> future))
                .then(() -> future.complete("rendered"))
                .expectNext("rendered")
                .verifyComplete();
    }

    @Test
    void isEmptyForNoValueAndFailsWithTheFuturesOwnError() {
        StepVerifier.create(FutureValue.of(() -> CompletableFuture.completedFuture(null))).verifyComplete();
        StepVerifier.create(FutureValue.of(() -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("no rendering");
                })))
                .expectErrorMatches(error -> error instanceof IllegalStateException && error.getMessage().equals("no rendering"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void leavingDoesNotCancelAFutureOthersShare() {
        CompletableFuture<String> shared = new CompletableFuture<>();
        FutureValue.of(() -> shared).subscribe().dispose();
        assertThat(shared.complete("still wanted")).isTrue();
        StepVerifier.create(FutureValue.of(() -> shared)).expectNext("still wanted").verifyComplete();
    }

    /** Inside a subscription that stays open, the last value can be collected once it went on. */
    @Test
    void keepsNothingOfAValueItPassedOn() {
        AtomicReference<WeakReference<Object>> passed = new AtomicReference<>();
        Disposable open = Flux.just(1).concatWith(Flux.never())
                .concatMap(i -> FutureValue.of(() -> CompletableFuture.completedFuture(new byte[1 << 20])))
                .subscribe(value -> passed.set(new WeakReference<>(value)));
        try {
            assertThat(passed.get()).isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return passed.get().get() == null;
            });
        } finally {
            open.dispose();
        }
    }
}
