package dev.incidentcommand.live;

import java.lang.reflect.Method;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * Subscription fields are fetched with a lean copy of graphql-java's environment. Spring for
 * GraphQL keeps the environment it calls a controller with for as long as the returned stream
 * lives (to resolve the stream's errors), and the real one reaches the whole execution of the
 * subscribing request: its state, input, variables and context, kilobytes per subscriber, held
 * for hours. The copy carries what binding arguments and reporting errors need: the arguments,
 * the field, where it is in the result, and the schema. Its GraphQL context is empty; the
 * request's context still reaches the stream, which Spring runs with it around the copy.
 */
final class LeanSubscriptionEnvironments extends GraphQLTypeVisitorStub {

    @Override
    public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
        if (!(context.getParentNode() instanceof GraphQLObjectType parent) || !"Subscription".equals(parent.getName())) {
            return TraversalControl.CONTINUE;
        }
        GraphQLCodeRegistry.Builder code = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
        DataFetcher<?> fetcher = code.getDataFetcher(parent, field);
        code.dataFetcher(parent, field, fetcher instanceof SelfDescribingDataFetcher<?> described
                ? new DescribedLean<>(described) : new Lean<>(fetcher));
        return TraversalControl.CONTINUE;
    }

    private static DataFetchingEnvironment lean(DataFetchingEnvironment env) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .source(env.getSource())
                .arguments(env.getArguments())
                .fieldDefinition(env.getFieldDefinition())
                .mergedField(env.getMergedField())
                .fieldType(env.getFieldType())
                .parentType(env.getParentType())
                .executionStepInfo(lean(env.getExecutionStepInfo()))
                .graphQLSchema(env.getGraphQLSchema())
                .graphQLContext(GraphQLContext.newContext().build())
                .locale(env.getLocale())
                .executionId(env.getExecutionId())
                .build();
    }

    /** Where the field is, with its arguments as values: graphql-java's own resolves them from the execution. */
    private static ExecutionStepInfo lean(ExecutionStepInfo step) {
        if (step == null) {
            return null;
        }
        ImmutableMapWithNullValues<String, Object> arguments = ImmutableMapWithNullValues.copyOf(step.getArguments());
        ExecutionStepInfo parent = lean(step.getParent());
        return step.transform(builder -> builder.arguments(() -> arguments).parentInfo(parent));
    }

    private static class Lean<T> implements DataFetcher<T> {

        private final DataFetcher<T> delegate;

        Lean(DataFetcher<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public T get(DataFetchingEnvironment env) throws Exception {
            return delegate.get(lean(env));
        }
    }

    /** Keeps the controller method's description for Spring's schema inspection. */
    private static final class DescribedLean<T> extends Lean<T> implements SelfDescribingDataFetcher<T> {

        private final SelfDescribingDataFetcher<T> described;

        DescribedLean(SelfDescribingDataFetcher<T> described) {
            super(described);
            this.described = described;
        }

        @Override
        public String getDescription() {
            return described.getDescription();
        }

        @Override
        public ResolvableType getReturnType() {
            return described.getReturnType();
        }

        @Override
        public Map<String, ResolvableType> getArguments() {
            return described.getArguments();
        }

        @Override
        public Method asMethod() {
            return described.asMethod();
        }

        @Override
        public boolean usesDataLoader() {
            return described.usesDataLoader();
        }
    }
}
