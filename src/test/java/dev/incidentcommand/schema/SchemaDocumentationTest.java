package dev.incidentcommand.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema is the user documentation: everything a client sees must say what it is. */
class SchemaDocumentationTest {

    @Test
    void everyTypeFieldArgumentAndEnumValueIsDescribed() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);

        List<String> undescribed = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__") || List.of("String", "Int", "Boolean", "ID", "Float").contains(type.getName())) {
                continue;
            }
            if (blank(type.getDescription())) {
                undescribed.add(type.getName());
            }
            if (type instanceof GraphQLObjectType object) {
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    if (blank(field.getDescription()) && !selfExplanatory(object.getName(), field.getName())) {
                        undescribed.add(type.getName() + "." + field.getName());
                    }
                    for (GraphQLArgument argument : field.getArguments()) {
                        if (blank(argument.getDescription()) && !argument.getName().equals("input")) {
                            undescribed.add(type.getName() + "." + field.getName() + "(" + argument.getName() + ")");
                        }
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    if (blank(field.getDescription()) && !selfExplanatory(input.getName(), field.getName())) {
                        undescribed.add(type.getName() + "." + field.getName());
                    }
                }
            }
            if (type instanceof GraphQLEnumType enumType) {
                for (GraphQLEnumValueDefinition value : enumType.getValues()) {
                    if (blank(value.getDescription())) {
                        undescribed.add(type.getName() + "." + value.getName());
                    }
                }
            }
        }
        assertThat(undescribed).as("types, fields, arguments and enum values without a description").isEmpty();
    }

    /**
     * Fields whose meaning the surrounding type and the convention fully state: the payloads'
     * changed object and userErrors, connection plumbing, and ids of inputs named by their type.
     */
    private static boolean selfExplanatory(String type, String field) {
        return (type.endsWith("Payload") && !field.equals("deduplicated"))
                || type.endsWith("Edge") || type.endsWith("Connection") && (field.equals("edges") || field.equals("pageInfo"));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
