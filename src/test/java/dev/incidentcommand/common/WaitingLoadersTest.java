package dev.incidentcommand.common;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DispatchResult;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingLoadersTest {

    private final ConcurrentHashMap<String, AtomicInteger> dispatches = new ConcurrentHashMap<>();

    /** Dispatching runs each loader that has keys waiting, in one batch, and never touches an idle one. */
    @Test
    void onlyLoadersWithKeysWaitingAreDispatched() {
        WaitingLoaders registry = new WaitingLoaders();
        registry.register("commander", loader(keys -> keys.stream().map(key -> "commander of " + key).toList()));
        registry.register("tasks", loader(keys -> keys.stream().map(key -> "tasks of " + key).toList()));
        registry.register("notes", loader(keys -> keys.stream().map(key -> "notes of " + key).toList()));

        DataLoader<String, String> commander = registry.getDataLoader("commander");
        DataLoader<String, String> tasks = registry.getDataLoader("tasks");
        CompletableFuture<String> first = commander.load("INC-1");
        CompletableFuture<String> second = commander.load("INC-2");
        CompletableFuture<String> third = tasks.load("INC-1");

        assertThat(registry.dispatchAllWithCount()).isEqualTo(3);
        assertThat(first).isCompletedWithValue("commander of INC-1");
        assertThat(second).isCompletedWithValue("commander of INC-2");
        assertThat(third).isCompletedWithValue("tasks of INC-1");

        registry.dispatchAll();
        assertThat(dispatches).containsOnlyKeys("commander", "tasks");
        assertThat(dispatches.get("commander")).hasValue(1);
        assertThat(dispatches.get("tasks")).hasValue(1);
    }

    /** A request that never asks for a loader never has them made, dispatching included; the first that asks gets them all. */
    @Test
    void loadersAreMadeOnlyWhenFirstAskedFor() {
        WaitingLoaders registry = new WaitingLoaders();
        AtomicInteger registrations = new AtomicInteger();
        registry.registerOnFirstUse(() -> {
            registrations.incrementAndGet();
            // As Spring for GraphQL does before each registration: is the name taken?
            assertThat(registry.getDataLoader("commander")).isNull();
            registry.register("commander", loader(keys -> keys.stream().map(key -> "commander of " + key).toList()));
            registry.register("tasks", loader(keys -> keys.stream().map(key -> "tasks of " + key).toList()));
        });

        registry.dispatchAll();
        assertThat(registry.dispatchAllWithCount()).isZero();
        assertThat(registry.registered()).isFalse();
        assertThat(registrations).hasValue(0);

        DataLoader<String, String> commander = registry.getDataLoader("commander");
        CompletableFuture<String> loaded = commander.load("INC-7");
        assertThat(registry.getKeys()).containsExactlyInAnyOrder("commander", "tasks");
        assertThat(registry.dispatchAllWithCount()).isEqualTo(1);
        assertThat(loaded).isCompletedWithValue("commander of INC-7");
        assertThat(registry.getDataLoader("tasks")).isNotNull();
        assertThat(registrations).hasValue(1);
    }

    private DataLoader<String, String> loader(java.util.function.Function<List<String>, List<String>> load) {
        BatchLoader<String, String> batch = keys -> CompletableFuture.completedFuture(load.apply(keys));
        DataLoaderInstrumentation counting = new DataLoaderInstrumentation() {
            @Override
            public DataLoaderInstrumentationContext<DispatchResult<?>> beginDispatch(DataLoader<?, ?> loader) {
                dispatches.computeIfAbsent(loader.getName(), name -> new AtomicInteger()).incrementAndGet();
                return null;
            }
        };
        return DataLoaderFactory.newDataLoader(batch, DataLoaderOptions.newOptions().setInstrumentation(counting).build());
    }
}
