package dev.incidentcommand.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.springframework.stereotype.Component;

/**
 * The type and root fields of the operation a request runs, read from its document before it
 * runs. Tooling repeats the same few documents, so each is parsed once (a bounded cache).
 */
@Component
public class OperationShapes {

    public record Shape(Operation operation, List<String> rootFields) {
    }

    private record Key(String document, String operationName) {
    }

    private static final int CAPACITY = 1_000;

    private final Map<Key, Shape> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Shape> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Null when the document does not parse or names no such operation: execution reports that. */
    public Shape of(String document, String operationName) {
        Key key = new Key(document, operationName);
        synchronized (known) {
            Shape shape = known.get(key);
            if (shape != null) {
                return shape;
            }
        }
        Shape shape = parse(document, operationName);
        if (shape != null) {
            synchronized (known) {
                known.put(key, shape);
            }
        }
        return shape;
    }

    private static Shape parse(String text, String operationName) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            return null;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = operations.stream()
                .filter(candidate -> operationName == null ? operations.size() == 1 : Objects.equals(operationName, candidate.getName()))
                .findFirst().orElse(null);
        if (operation == null) {
            return null;
        }
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.put(fragment.getName(), fragment));
        List<String> fields = new ArrayList<>();
        collect(operation.getSelectionSet(), fragments, fields, 0);
        return fields.isEmpty() ? null : new Shape(operation.getOperation(), List.copyOf(fields));
    }

    private static void collect(SelectionSet selections, Map<String, FragmentDefinition> fragments, List<String> into, int depth) {
        if (selections == null || depth > 10) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                into.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), fragments, into, depth + 1);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collect(fragments.get(spread.getName()).getSelectionSet(), fragments, into, depth + 1);
            }
        }
    }
}
