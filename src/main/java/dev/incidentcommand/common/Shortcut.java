package dev.incidentcommand.common;

import graphql.schema.DataFetchingEnvironment;

/**
 * A value a batch-loaded field can sometimes give without its data loader. When the answer is
 * already at hand, queueing the parent, dispatching the loader and reading would all be wasted;
 * {@link BatchLoadedFields} asks the field's shortcut first and loads only what it cannot answer.
 */
public interface Shortcut {

    /** The field this answers, as {@code "Type.field"}. */
    String coordinates();

    /** The field's value for this fetch, or null when it has to be loaded. */
    Object answer(DataFetchingEnvironment environment);
}
