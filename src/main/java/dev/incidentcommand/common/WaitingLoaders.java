package dev.incidentcommand.common;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

/**
 * A request's data loaders, one per batch mapping (two dozen), of which graphql-java asks the
 * registry to dispatch all after every level of fields, though most have nothing to load: this
 * registry dispatches only the loaders with keys waiting. The others would answer an empty batch.
 */
public final class WaitingLoaders extends DataLoaderRegistry {

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
