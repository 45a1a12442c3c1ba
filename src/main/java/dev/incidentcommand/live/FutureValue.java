package dev.incidentcommand.live;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A future's value as a {@link Mono} that lets go of the future once the value has gone on.
 *
 * <p>{@code Mono.fromFuture} keeps its future for as long as its subscriber is referenced, and
 * inside a subscription's {@code concatMap} that is until the next event comes: for an idle board,
 * for hours. What the future holds then stays with it (the last rendered event, a kilobyte or more,
 * its own when the board replayed it). Here the future only holds the subscriber until it
 * completes, never the other way round. Cancelling does not cancel the future, which others may
 * share.
 */
final class FutureValue<T> extends Mono<T> {

    private final Supplier<? extends CompletionStage<? extends T>> future;

    private FutureValue(Supplier<? extends CompletionStage<? extends T>> future) {
        this.future = future;
    }

    /** The value of the future {@code future} returns when subscribed to; empty for a null value. */
    static <T> Mono<T> of(Supplier<? extends CompletionStage<? extends T>> future) {
        return new FutureValue<>(future);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Operators.MonoSubscriber<T, T> delivery = new Operators.MonoSubscriber<>(actual);
        actual.onSubscribe(delivery);
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(future.get(), "no future to wait for");
        } catch (RuntimeException error) {
            actual.onError(Operators.onOperatorError(error, actual.currentContext()));
            return;
        }
        stage.whenComplete((value, error) -> {
            if (delivery.isCancelled()) {
                return;
            }
            if (error != null) {
                delivery.onError(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else if (value != null) {
                delivery.complete(value);
            } else {
                delivery.onComplete();
            }
        });
    }
}
