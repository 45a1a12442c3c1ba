package dev.incidentcommand.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import graphql.execution.ExecutionContext;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;

/**
 * What a subscription asks of each event, apart from which events it follows: the root field's
 * selection, as a query document without the root field's arguments, with only the variables that
 * selection uses. Two subscribers with equal shapes receive identical results for the same event,
 * so an event is rendered once per shape, however many subscribers share it.
 */
final class RenderShape {

    private final String text;
    private final String operationName;
    private final Map<String, Object> variables;
    private final Document document;

    private RenderShape(Document document, String operationName, Map<String, Object> variables) {
        this.document = document;
        this.text = AstPrinter.printAstCompact(document);
        this.operationName = operationName;
        this.variables = variables;
    }

    /** The shape of the subscription being executed in {@code subscription}. */
    static RenderShape of(ExecutionContext subscription) {
        OperationDefinition operation = subscription.getOperationDefinition();
        Map<String, FragmentDefinition> fragments = subscription.getFragmentsByName();

        List<Selection> roots = new ArrayList<>();
        collectRootFields(operation.getSelectionSet(), fragments, roots);
        // The root field's arguments chose the events; rendering one event does not depend on them.
        SelectionSet selection = SelectionSet.newSelectionSet(roots).build();

        Map<String, FragmentDefinition> used = new LinkedHashMap<>();
        collectFragments(selection, fragments, used);
        Set<String> variableNames = new TreeSet<>();
        collectVariables(selection, variableNames);
        used.values().forEach(fragment -> collectVariables(fragment, variableNames));

        OperationDefinition query = operation.transform(builder -> builder
                .operation(OperationDefinition.Operation.QUERY)
                .selectionSet(selection)
                .variableDefinitions(operation.getVariableDefinitions().stream()
                        .filter(definition -> variableNames.contains(definition.getName())).toList()));
        List<Definition> definitions = new ArrayList<>(List.of(query));
        definitions.addAll(used.values());
        Document document = Document.newDocument().definitions(definitions).build();

        Map<String, Object> variables = new HashMap<>();
        subscription.getExecutionInput().getVariables().forEach((name, value) -> {
            if (variableNames.contains(name)) {
                variables.put(name, value);
            }
        });
        return new RenderShape(document, operation.getName(), variables);
    }

    Document document() {
        return document;
    }

    String text() {
        return text;
    }

    String operationName() {
        return operationName;
    }

    Map<String, Object> variables() {
        return variables;
    }

    private static void collectRootFields(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments,
                                          List<Selection> into) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                into.add(field.transform(builder -> builder.arguments(List.of())));
            } else if (selection instanceof InlineFragment inline) {
                collectRootFields(inline.getSelectionSet(), fragments, into);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collectRootFields(fragments.get(spread.getName()).getSelectionSet(), fragments, into);
            }
        }
    }

    private static void collectFragments(Node<?> node, Map<String, FragmentDefinition> fragments,
                                         Map<String, FragmentDefinition> into) {
        if (node instanceof FragmentSpread spread && !into.containsKey(spread.getName())
                && fragments.containsKey(spread.getName())) {
            FragmentDefinition fragment = fragments.get(spread.getName());
            into.put(spread.getName(), fragment);
            collectFragments(fragment, fragments, into);
        }
        for (Node<?> child : node.getChildren()) {
            collectFragments(child, fragments, into);
        }
    }

    private static void collectVariables(Node<?> node, Set<String> into) {
        if (node instanceof VariableReference reference) {
            into.add(reference.getName());
        }
        for (Node<?> child : node.getChildren()) {
            collectVariables(child, into);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderShape shape && text.equals(shape.text)
                && Objects.equals(operationName, shape.operationName) && variables.equals(shape.variables);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + variables.hashCode();
    }
}
