package dev.incidentcommand.common;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;

/**
 * Looks ahead into what a query asks below the field being fetched, so a fetcher can read in one
 * statement what its children would otherwise read in another. Reads the document itself:
 * graphql-java's selection set normalizes the whole operation first, which costs more than the
 * statement saved.
 */
public final class Selections {

    private Selections() {
    }

    /**
     * Whether the field being fetched selects {@code path}, one field name per level, directly or
     * through fragments. {@code @skip} and {@code @include} are not evaluated: a field they leave
     * out still counts, so what is read ahead is at worst not used.
     */
    public static boolean selects(DataFetchingEnvironment environment, String... path) {
        Map<String, FragmentDefinition> fragments = environment.getFragmentsByName();
        return environment.getMergedField().getFields().stream()
                .anyMatch(field -> selects(field.getSelectionSet(), fragments, path, 0));
    }

    /**
     * Whether every field the field being fetched selects, directly or through fragments, is one
     * of {@code names} (or {@code __typename}). Directives are not evaluated: a field they leave
     * out still counts against the answer, which is then at worst a read that was not needed.
     */
    public static boolean asksOnly(DataFetchingEnvironment environment, Set<String> names) {
        Map<String, FragmentDefinition> fragments = environment.getFragmentsByName();
        return environment.getMergedField().getFields().stream()
                .noneMatch(field -> anyField(field.getSelectionSet(), fragments,
                        child -> !names.contains(child.getName()) && !child.getName().equals("__typename")));
    }

    private static boolean selects(SelectionSet selections, Map<String, FragmentDefinition> fragments, String[] path, int depth) {
        return anyField(selections, fragments, field -> field.getName().equals(path[depth])
                && (depth == path.length - 1 || selects(field.getSelectionSet(), fragments, path, depth + 1)));
    }

    /** Whether any field of {@code selections}, its fragments' included, matches. */
    private static boolean anyField(SelectionSet selections, Map<String, FragmentDefinition> fragments, Predicate<Field> matches) {
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean found = false;
            if (selection instanceof Field field) {
                found = matches.test(field);
            } else if (selection instanceof InlineFragment inline) {
                found = anyField(inline.getSelectionSet(), fragments, matches);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                found = anyField(fragments.get(spread.getName()).getSelectionSet(), fragments, matches);
            }
            if (found) {
                return true;
            }
        }
        return false;
    }
}
