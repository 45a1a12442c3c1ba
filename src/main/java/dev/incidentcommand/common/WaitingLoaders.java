package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

/**
 * A request's data loaders, one per batch mapping (two dozen), made only when the request first
 * asks for one, and dispatched only when they have keys waiting.
 *
 * <p>Most requests (every mutation, most queries) never load a batch: making two dozen loaders,
 * each with its cache, lock and options, for each of them was work thrown away. And graphql-java
 * asks the registry to dispatch all loaders after every level of fields, though most have nothing
 * to load; the others would answer an empty batch.
 */
public final class WaitingLoaders extends DataLoaderRegistry {

    /** Registers the request's loaders in this registry; null once they are registered. */
    private volatile Runnable registration;
    /** Whether this registry's monitor holder is registering now (read and written only holding it). */
    private boolean registering;

    /** Has {@code registration} register the loaders, on the first request for one of them. */
    public WaitingLoaders registerOnFirstUse(Runnable registration) {
        this.registration = registration;
        return this;
    }

    /** Whether the loaders have been made (or were registered directly). */
    public boolean registered() {
        return registration == null;
    }

    private void register() {
        if (registration != null) {
            synchronized (this) {
                Runnable pending = registration;
                // Registering asks the registry for each loader (is the name taken?): not again.
                if (pending != null && !registering) {
                    registering = true;
                    try {
                        pending.run();
                        registration = null;
                    } finally {
                        registering = false;
                    }
                }
            }
        }
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        register();
        return super.getDataLoader(key);
    }

    @Override
    public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> make) {
        register();
        return super.computeIfAbsent(key, make);
    }

    @Override
    public List<DataLoader<?, ?>> getDataLoaders() {
        register();
        return super.getDataLoaders();
    }

    @Override
    public Map<String, DataLoader<?, ?>> getDataLoadersMap() {
        register();
        return super.getDataLoadersMap();
    }

    @Override
    public Set<String> getKeys() {
        register();
        return super.getKeys();
    }

    /** Loaders not made yet have nothing waiting: dispatching never makes them. */
    @Override
    public void dispatchAll() {
        dispatchAllWithCount();
    }

    @Override
    public int dispatchAllWithCount() {
        int dispatched = 0;
        for (DataLoader<?, ?> loader : dataLoaders.values()) {
            if (loader.dispatchDepth() > 0) {
                dispatched += loader.dispatchWithCounts().getKeysCount();
            }
        }
        return dispatched;
    }
}
