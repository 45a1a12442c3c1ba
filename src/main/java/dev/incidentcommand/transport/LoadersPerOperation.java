package dev.incidentcommand.transport;

import java.util.function.Function;

import dev.incidentcommand.common.WaitingLoaders;
import dev.incidentcommand.security.OperationShapes;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import graphql.language.OperationDefinition;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each request gets a registry of data loaders of its own. Queries and mutations get one that makes
 * its loaders (one per batch mapping) when first asked for one and dispatches only those with keys
 * waiting ({@link WaitingLoaders}, {@link LoadersOnFirstUse}). A query's are dispatched when it
 * has nothing left to do but wait for them (graphql-java's "exhausted" dispatching), not level by
 * level: the per-level bookkeeping walked each field's path on every field fetched, 6% of the
 * board's CPU, for the same batches. Mutations, which run their fields one after the other and
 * read little, keep the per-level dispatching.
 * A subscription lives as long as its client stays and would hold its loaders, with their
 * caches, all that time without using them: its events are rendered once per distinct selection
 * with loaders of their own ({@code live.SharedRendering}). Subscriptions get a registry that
 * keeps none; holding nothing, one serves them all.
 */
@Component
@Order(2)
class LoadersPerOperation implements WebGraphQlInterceptor {

    private final OperationShapes shapes;

    LoadersPerOperation(OperationShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        OperationShapes.Shape shape = shapes.of(request.getDocument(), request.getOperationName());
        OperationDefinition.Operation operation = shape == null ? null : shape.operation();
        request.configureExecutionInput((input, builder) -> {
            if (operation == OperationDefinition.Operation.SUBSCRIPTION) {
                return builder.dataLoaderRegistry(KeepsNone.INSTANCE).build();
            }
            builder.dataLoaderRegistry(new WaitingLoaders());
            if (operation == OperationDefinition.Operation.QUERY) {
                builder.graphQLContext(context -> context.of(DataLoaderDispatchingContextKeys.ENABLE_DATA_LOADER_EXHAUSTED_DISPATCHING, true));
            }
            return builder.build();
        });
        return chain.next(request);
    }

    /**
     * Accepts the loaders Spring for GraphQL registers on every request, and keeps none of them.
     * Every way of adding a loader is covered, so the one instance stays empty.
     */
    private static final class KeepsNone extends DataLoaderRegistry {

        static final KeepsNone INSTANCE = new KeepsNone();

        @Override
        public DataLoaderRegistry register(String key, DataLoader<?, ?> dataLoader) {
            return this;
        }

        @Override
        public DataLoaderRegistry register(DataLoader<?, ?> dataLoader) {
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> DataLoader<K, V> registerAndGet(String key, DataLoader<?, ?> dataLoader) {
            return (DataLoader<K, V>) dataLoader;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> mappingFunction) {
            return (DataLoader<K, V>) mappingFunction.apply(key);
        }
    }
}
