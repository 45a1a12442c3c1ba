package dev.incidentcommand.common;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.dataloader.DataLoader;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * Fields answered by a {@link BatchMapping} only queue their parent with the field's data loader,
 * and are fetched as such, without the context snapshot Spring for GraphQL takes and restores
 * around every other data fetcher call. A board of 20 incidents with three tasks each makes 80
 * of these calls (each incident's commander, each task's assignee), and the wrapping cost more
 * than the queueing. The batch load itself still runs with the request's context, which Spring
 * hands the loader separately, and its errors reach the same error handling.
 */
@Configuration(proxyBeanMethods = false)
class BatchLoadedFields {

    @Bean
    GraphQlSourceBuilderCustomizer queueBatchMappedFields() {
        // Type visitors run before the one that wraps data fetchers, which leaves trivial ones alone.
        return builder -> builder.typeVisitors(List.of(new Visitor()));
    }

    static final class Visitor extends GraphQLTypeVisitorStub {

        @Override
        public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                            TraverserContext<GraphQLSchemaElement> context) {
            if (context.getParentNode() instanceof GraphQLFieldsContainer parent) {
                GraphQLCodeRegistry.Builder code = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
                if (isBatchMapping(code.getDataFetcher(coordinates, field))) {
                    // @BatchMapping names the field's data loader by its coordinates, "Type.field".
                    code.dataFetcher(coordinates, new Queued(coordinates.toString()));
                }
            }
            return TraversalControl.CONTINUE;
        }

        private static boolean isBatchMapping(DataFetcher<?> fetcher) {
            return fetcher instanceof SelfDescribingDataFetcher<?> described
                    && described.usesDataLoader()
                    && described.asMethod() != null
                    && AnnotatedElementUtils.hasAnnotation(described.asMethod(), BatchMapping.class);
        }
    }

    /** Queues the parent with the field's data loader; the future completes when the batch is loaded. */
    record Queued(String loaderName) implements TrivialDataFetcher<CompletableFuture<Object>> {

        @Override
        public CompletableFuture<Object> get(DataFetchingEnvironment environment) {
            DataLoader<Object, Object> loader = environment.getDataLoader(loaderName);
            if (loader == null) {
                throw new IllegalStateException("No data loader is registered for " + loaderName);
            }
            Object parent = environment.getSource();
            Object keyContext = environment.getLocalContext();
            return keyContext == null ? loader.load(parent) : loader.load(parent, keyContext);
        }
    }
}
