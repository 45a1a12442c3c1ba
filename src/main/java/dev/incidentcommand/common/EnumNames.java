package dev.incidentcommand.common;

import java.util.List;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enum fields read from a property answer the constant's name. graphql-java writes an enum value
 * by finding it among its type's values, which in a schema-first server are the names: a Java
 * constant matches none of them, so every value is compared twice, the second time by name. A
 * board writes a hundred enums per request (each incident's severity and status, each task's
 * status); handed the name, the first comparison pass finds it.
 */
@Configuration(proxyBeanMethods = false)
class EnumNames {

    @Bean
    GraphQlSourceBuilderCustomizer enumsByName() {
        return builder -> builder.typeVisitors(List.of(new Visitor()));
    }

    static final class Visitor extends GraphQLTypeVisitorStub {

        @Override
        public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                            TraverserContext<GraphQLSchemaElement> context) {
            if (context.getParentNode() instanceof GraphQLObjectType parent
                    && GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLEnumType) {
                GraphQLCodeRegistry.Builder code = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
                // Only fields left to graphql-java's property fetching; a mapped field keeps its own.
                if (!code.hasDataFetcher(coordinates)) {
                    code.dataFetcher(coordinates, new Named(PropertyDataFetcher.fetching(field.getName())));
                }
            }
            return TraversalControl.CONTINUE;
        }
    }

    /** The property, as graphql-java would read it, with an enum constant turned into its name. */
    record Named(PropertyDataFetcher<Object> property) implements LightDataFetcher<Object> {

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            return name(property.get(field, source, environment));
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            return name(property.get(environment));
        }

        private static Object name(Object value) {
            return value instanceof Enum<?> constant ? constant.name() : value;
        }
    }
}
