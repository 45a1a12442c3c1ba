package dev.incidentcommand.live;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionResult;

/**
 * A value on its way to many subscribers. Each distinct subscription selection renders it once,
 * and every subscriber that asked the same thing receives that one result (see
 * {@link SharedRendering}). The renderings live as long as the value is still queued for someone.
 */
final class Shared<T> {

    private final T value;
    private final Map<RenderShape, CompletableFuture<ExecutionResult>> renderings = new ConcurrentHashMap<>(4);

    private Shared(T value) {
        this.value = value;
    }

    static <T> Shared<T> of(T value) {
        return new Shared<>(value);
    }

    T value() {
        return value;
    }

    /** The result of {@code shape} over this value, rendered by the first subscriber to ask. */
    CompletableFuture<ExecutionResult> rendering(RenderShape shape, Function<RenderShape, CompletableFuture<ExecutionResult>> render) {
        return renderings.computeIfAbsent(shape, render);
    }
}
