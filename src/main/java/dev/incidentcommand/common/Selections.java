package dev.incidentcommand.common;

import java.util.Map;
import java.util.Set;

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

    /**
     * Whether every field the field being fetched selects, directly or through fragments, is one
     * of {@code names} (or {@code __typename}). Directives are not evaluated: a field they leave
     * out still counts against the answer, which is then at worst a read that was not needed.
     */
    public static boolean asksOnly(DataFetchingEnvironment environment, Set<String> names) {
        Map<String, FragmentDefinition> fragments = environment.getFragmentsByName();
        for (Field field : environment.getMergedField().getFields()) {
            if (!asksOnly(field.getSelectionSet(), fragments, names)) {
                return false;
            }
        }
        return true;
    }

    private static boolean asksOnly(SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> names) {
        if (selections == null) {
            return true;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean only;
            if (selection instanceof Field field) {
                only = names.contains(field.getName()) || field.getName().equals("__typename");
            } else if (selection instanceof InlineFragment inline) {
                only = asksOnly(inline.getSelectionSet(), fragments, names);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                only = fragment != null && asksOnly(fragment.getSelectionSet(), fragments, names);
            } else {
                only = false;
            }
            if (!only) {
                return false;
            }
        }
        return true;
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
