package dev.incidentcommand.common;

import java.util.Map;

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
        for (Field field : environment.getMergedField().getFields()) {
            if (selects(field.getSelectionSet(), fragments, path, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(SelectionSet selections, Map<String, FragmentDefinition> fragments, String[] path, int depth) {
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean found = false;
            if (selection instanceof Field field) {
                found = field.getName().equals(path[depth])
                        && (depth == path.length - 1 || selects(field.getSelectionSet(), fragments, path, depth + 1));
            } else if (selection instanceof InlineFragment inline) {
                found = selects(inline.getSelectionSet(), fragments, path, depth);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                found = selects(fragments.get(spread.getName()).getSelectionSet(), fragments, path, depth);
            }
            if (found) {
                return true;
            }
        }
        return false;
    }
}
