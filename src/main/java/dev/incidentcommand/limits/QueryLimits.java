package dev.incidentcommand.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.ExecutionResult;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses, before anything runs, a request that describes more work than any client needs: too
 * costly, too deep, too many aliases or too many mutations at once. Cost counts every field once
 * per element it is asked for: a field under {@code timeline(first: 100)} counts a hundred times,
 * under a list without a page size ten times, and nested pages multiply. Introspection is cheap.
 */
@Component
class QueryLimits implements Instrumentation {

    static final ErrorClassification TOO_LARGE = ErrorClassification.errorClassification("QUERY_TOO_LARGE");
    private static final Logger log = LoggerFactory.getLogger(QueryLimits.class);
    /** What a list without a page size is counted as: the incident's tasks, pages, notes... */
    private static final int LIST_ESTIMATE = 10;
    /** Fields that read much more than one row. */
    private static final Map<String, Integer> WEIGHTS = Map.of("postmortem", 200, "asOf", 100, "sitrep", 20, "metrics", 10);

    private final LimitsProperties limits;

    QueryLimits(LimitsProperties limits) {
        this.limits = limits;
    }

    /** A request over a limit: graphql-java stops before running anything; reported as {@link #TOO_LARGE}. */
    static final class TooLarge extends AbortExecutionException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** The refusal as clients see it: a plain GraphQL error with its own classification. */
    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (result.getErrors().stream().noneMatch(TooLarge.class::isInstance)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> error instanceof TooLarge ? GraphqlErrorBuilder.newError().errorType(TOO_LARGE)
                        .message(error.getMessage()).build() : error)
                .toList();
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }

    private final class Walk {
        final ExecutionContext context;
        int depth;

        Walk(ExecutionContext context) {
            this.context = context;
        }

        long cost(SelectionSet selections, GraphQLType parent, int level) {
            if (selections == null) {
                return 0;
            }
            depth = Math.max(depth, level);
            if (level > limits.maxDepth()) {
                throw refuse("Fields nest more than " + limits.maxDepth() + " deep.");
            }
            long total = 0;
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    total = add(total, field(field, parent, level));
                } else if (selection instanceof InlineFragment inline) {
                    GraphQLType on = inline.getTypeCondition() == null ? parent
                            : context.getGraphQLSchema().getType(inline.getTypeCondition().getName());
                    total = add(total, cost(inline.getSelectionSet(), on, level));
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = context.getFragmentsByName().get(spread.getName());
                    if (fragment != null) {
                        total = add(total, cost(fragment.getSelectionSet(),
                                context.getGraphQLSchema().getType(fragment.getTypeCondition().getName()), level));
                    }
                }
            }
            return total;
        }

        private long field(Field field, GraphQLType parent, int level) {
            if (field.getName().startsWith("__")) {
                return 1;
            }
            GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container
                    ? container.getFieldDefinition(field.getName()) : null;
            if (definition == null) {
                return 1;
            }
            GraphQLOutputType type = definition.getType();
            long children = cost(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(type), level + 1);
            long factor = factor(field, definition, type);
            return add(WEIGHTS.getOrDefault(field.getName(), 1), multiply(factor, children));
        }

        /** How many times the field's selection is resolved. */
        private long factor(Field field, GraphQLFieldDefinition definition, GraphQLOutputType type) {
            GraphQLArgument first = definition.getArgument("first");
            if (first != null) {
                Integer given = intArgument(field, "first");
                if (given != null) {
                    return Math.max(1, given);
                }
                Object fallback = first.hasSetDefaultValue() ? first.getArgumentDefaultValue().getValue() : null;
                return fallback instanceof IntValue value ? value.getValue().longValue()
                        : fallback instanceof Number number ? number.longValue() : LIST_ESTIMATE;
            }
            GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
            if (unwrapped instanceof GraphQLList) {
                // A connection's edges are already counted by the page size on the connection.
                String element = ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(unwrapped)).getName();
                return element.endsWith("Edge") ? 1 : LIST_ESTIMATE;
            }
            return 1;
        }

        private Integer intArgument(Field field, String name) {
            for (Argument argument : field.getArguments()) {
                if (argument.getName().equals(name)) {
                    if (argument.getValue() instanceof IntValue value) {
                        return value.getValue().intValue();
                    }
                    if (argument.getValue() instanceof VariableReference reference
                            && context.getCoercedVariables().get(reference.getName()) instanceof Number number) {
                        return number.intValue();
                    }
                }
            }
            return null;
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        OperationDefinition operation = context.getOperationDefinition();
        GraphQLSchema schema = context.getGraphQLSchema();
        GraphQLType root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            long mutations = operation.getSelectionSet().getSelections().stream().filter(Field.class::isInstance).count();
            if (mutations > limits.maxMutationFields()) {
                throw refuse(context, "It runs " + mutations + " mutations; at most " + limits.maxMutationFields()
                        + " may run in one request.");
            }
        }
        Walk walk = new Walk(context);
        long cost;
        try {
            cost = walk.cost(operation.getSelectionSet(), root, 0);
        } catch (TooLarge refused) {
            throw refuse(context, refused.getMessage());
        }
        int aliases = aliases(context.getDocument());
        if (aliases > limits.maxAliases()) {
            throw refuse(context, "It uses " + aliases + " aliases; at most " + limits.maxAliases() + " are allowed.");
        }
        if (cost > limits.maxCost()) {
            throw refuse(context, "It asks for about " + cost + " fields' worth of work; at most " + limits.maxCost()
                    + " are allowed. Ask for smaller pages (first) or fewer nested lists.");
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static TooLarge refuse(String reason) {
        return new TooLarge(reason);
    }

    private TooLarge refuse(ExecutionContext context, String reason) {
        String operation = context.getOperationDefinition().getName();
        log.info("Refused {} as too large: {}", operation == null ? "an operation" : "'" + operation + "'", reason);
        return new TooLarge("This request is too large, so it was not run. " + reason);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static int aliases(Node<?> node) {
        int count = node instanceof Field field && field.getAlias() != null ? 1 : 0;
        for (Node<?> child : node.getChildren()) {
            count += aliases(child);
        }
        return count;
    }
}
