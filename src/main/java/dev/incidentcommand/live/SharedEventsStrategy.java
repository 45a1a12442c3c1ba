package dev.incidentcommand.live;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.reactive.SubscriptionPublisher;

/**
 * Subscriptions as graphql-java starts them (arguments, the controller's event stream, errors),
 * with each event then rendered by {@link SharedRendering} instead of graphql-java's per-event
 * execution: once per distinct selection, in order, and without state kept per delivered event.
 */
final class SharedEventsStrategy extends SubscriptionExecutionStrategy {

    private final SharedRendering rendering;

    SharedEventsStrategy(DataFetcherExceptionHandler exceptionHandler, SharedRendering rendering) {
        super(exceptionHandler);
        this.rendering = rendering;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        return super.execute(context, parameters).thenApply(result -> {
            if (result.getData() instanceof SubscriptionPublisher events) {
                // Only the source stream is used; graphql-java's per-event mapping is never subscribed.
                return result.transform(builder -> builder.data(rendering.results(context, events.getUpstreamPublisher())));
            }
            return result;
        });
    }
}
