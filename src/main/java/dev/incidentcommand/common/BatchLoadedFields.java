package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * hands the loader separately, and its errors reach the same error handling. A field with a
 * {@link Shortcut} is answered by it where it can be, and queued only where it cannot.
 */
@Configuration(proxyBeanMethods = false)
class BatchLoadedFields {

    @Bean
    GraphQlSourceBuilderCustomizer queueBatchMappedFields(List<Shortcut> shortcuts) {
        Map<String, Shortcut> byField = shortcuts.stream().collect(Collectors.toMap(Shortcut::coordinates, Function.identity()));
        // Type visitors run before the one that wraps data fetchers, which leaves trivial ones alone.
        return builder -> builder.typeVisitors(List.of(new Visitor(byField)));
    }

    static final class Visitor extends GraphQLTypeVisitorStub {

        private final Map<String, Shortcut> shortcuts;

        Visitor(Map<String, Shortcut> shortcuts) {
            this.shortcuts = shortcuts;
        }

        @Override
        public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                            TraverserContext<GraphQLSchemaElement> context) {
            if (context.getParentNode() instanceof GraphQLFieldsContainer parent) {
                GraphQLCodeRegistry.Builder code = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
                if (isBatchMapping(code.getDataFetcher(coordinates, field))) {
                    // @BatchMapping names the field's data loader by its coordinates, "Type.field".
                    String name = coordinates.toString();
                    code.dataFetcher(coordinates, new Queued(name, shortcuts.get(name)));
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

    /**
     * Answers from the field's shortcut, if it has one that can; otherwise queues the parent with
     * the field's data loader, whose future completes when the batch is loaded.
     */
    record Queued(String loaderName, Shortcut shortcut) implements TrivialDataFetcher<Object> {

        @Override
        public Object get(DataFetchingEnvironment environment) {
            if (shortcut != null) {
                Object known = shortcut.answer(environment);
                if (known != null) {
                    return known;
                }
            }
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
