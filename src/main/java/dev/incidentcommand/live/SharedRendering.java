package dev.incidentcommand.live;

import java.lang.ref.WeakReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.incidentcommand.common.WaitingLoaders;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a subscription's events into results, rendering each event once per {@link RenderShape}
 * and sharing the result among all subscribers of that shape.
 *
 * <p>Each rendering is an ordinary, short-lived query execution over a copy of the schema whose
 * query root is the subscription type, with each root field returning the event itself. This
 * replaces graphql-java's own per-event execution of subscriptions, which in graphql-java 25 keeps
 * dispatch state for every event in a map that is only emptied when the subscription ends
 * (graphql-java issue #4314, fixed in 26.1): about a kilobyte per delivered event. A query
 * execution's state is dropped with it. Rendering does not see the subscriber's context, so what
 * an event looks like can never depend on who receives it, which is what makes sharing sound.
 */
final class SharedRendering {

    private static final DataFetcher<Object> THE_EVENT = DataFetchingEnvironment::getSource;

    private final BatchLoaderRegistry batchLoaders;
    private final DataFetcherExceptionHandler exceptionHandler;
    private final JsonMapper json;
    private final AtomicLong renderings = new AtomicLong();
    /**
     * One shape for all the subscriptions that ask the same thing, while any of them lasts: each
     * shape holds a document of its own, several hundred bytes per open subscription otherwise.
     */
    private final Map<RenderShape, WeakReference<RenderShape>> shapes = new WeakHashMap<>();
    private volatile Engine engine;

    private record Engine(GraphQLSchema source, GraphQL graphQl) {
    }

    SharedRendering(BatchLoaderRegistry batchLoaders, List<DataFetcherExceptionResolver> exceptionResolvers, JsonMapper json) {
        this.batchLoaders = batchLoaders;
        this.json = json;
        this.exceptionHandler = DataFetcherExceptionResolver.createExceptionHandler(exceptionResolvers);
    }

    /** The results of {@code subscription} for each of its events, in the order the events come. */
    Flux<ExecutionResult> results(ExecutionContext subscription, Publisher<Object> events) {
        RenderShape shape = shared(RenderShape.of(subscription));
        GraphQL graphQl = engineFor(subscription.getGraphQLSchema());
        // concatMap keeps the events' order; a subscriber leaving must not cancel a shared rendering.
        return Flux.from(events).concatMap(event -> FutureValue.of(() -> render(graphQl, shape, event)));
    }

    /** The shape already in use that equals {@code shape}, or {@code shape}, which is then the one in use. */
    private RenderShape shared(RenderShape shape) {
        synchronized (shapes) {
            WeakReference<RenderShape> known = shapes.get(shape);
            RenderShape existing = known == null ? null : known.get();
            if (existing != null) {
                return existing;
            }
            shapes.put(shape, new WeakReference<>(shape));
            return shape;
        }
    }

    private CompletableFuture<ExecutionResult> render(GraphQL graphQl, RenderShape shape, Object event) {
        Shared<?> shared = event instanceof Shared<?> known ? known : Shared.of(event);
        return shared.rendering(shape, s -> execute(graphQl, s, shared.value()));
    }

    /** Events rendered since start: one per event and distinct selection, however many subscribers. */
    long renderings() {
        return renderings.get();
    }

    private CompletableFuture<ExecutionResult> execute(GraphQL graphQl, RenderShape shape, Object event) {
        renderings.incrementAndGet();
        WaitingLoaders dataLoaders = new WaitingLoaders();
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(shape.text())
                .operationName(shape.operationName())
                .variables(shape.variables())
                .root(event)
                .graphQLContext(builder -> builder.of(RenderShape.class, shape))
                .dataLoaderRegistry(dataLoaders)
                .build();
        dataLoaders.registerOnFirstUse(() -> batchLoaders.registerDataLoaders(dataLoaders, input.getGraphQLContext()));
        // Written as JSON here, once, rather than by each subscriber's socket (see EncodedMessages).
        return graphQl.executeAsync(input).thenApply(result -> EncodedResult.of(result, json));
    }

    private GraphQL engineFor(GraphQLSchema schema) {
        Engine current = engine;
        if (current == null || current.source() != schema) {
            current = new Engine(schema, GraphQL.newGraphQL(renderingSchema(schema))
                    .queryExecutionStrategy(new AsyncExecutionStrategy(exceptionHandler))
                    // The shape's document was validated as part of the subscription.
                    .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
                            new PreparsedDocumentEntry(input.getGraphQLContext().<RenderShape>get(RenderShape.class).document())))
                    .build());
            engine = current;
        }
        return current.graphQl();
    }

    /** The schema with the subscription type, its fields returning the event, as the query root. */
    private static GraphQLSchema renderingSchema(GraphQLSchema schema) {
        GraphQLObjectType subscription = schema.getSubscriptionType();
        GraphQLObjectType root = GraphQLObjectType.newObject()
                .name(subscription.getName())
                .fields(subscription.getFieldDefinitions().stream()
                        .map(field -> field.transform(builder -> builder.clearArguments()))
                        .toList())
                .build();
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
            code.dataFetcher(FieldCoordinates.coordinates(root.getName(), field.getName()), THE_EVENT);
        }
        return GraphQLSchema.newSchema()
                .query(root)
                .additionalTypes(schema.getAdditionalTypes())
                .additionalDirectives(new LinkedHashSet<>(schema.getDirectives()))
                .codeRegistry(code.build())
                .build();
    }
}
