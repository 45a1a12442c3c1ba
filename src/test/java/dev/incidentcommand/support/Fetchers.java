package dev.incidentcommand.support;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;

/** The data fetchers the running schema uses, for tests that guard how a field is answered. */
public final class Fetchers {

    private Fetchers() {
    }

    /** The fetcher of {@code coordinates}, as {@code "Type.field"}. */
    public static DataFetcher<?> of(GraphQLSchema schema, String coordinates) {
        String[] parts = coordinates.split("\\.");
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parts[0], parts[1]),
                schema.getObjectType(parts[0]).getFieldDefinition(parts[1]));
    }
}
