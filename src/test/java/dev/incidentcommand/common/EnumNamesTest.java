package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.Fetchers;
import dev.incidentcommand.support.IntegrationTest;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

class EnumNamesTest extends IntegrationTest {

    @Autowired
    GraphQlSource graphQlSource;

    /** Enums read from rows, taken as arguments and written back, as a board and a script see them. */
    @Test
    void enumsReadFromRowsAreWrittenByName() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Webhooks delayed", "SEV3", "enum-olga");
        createTask(as("enum-olga"), key, "INFORMATION_GATHERING", "Check the sender queue", "enum-pat");
        mutate(as("enum-olga"), "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "Every customer webhook is late"), "incident { severity }")
                .path("changeSeverity.incident.severity").entity(String.class).isEqualTo("SEV2");

        GraphQlTester.Response answer = alice.document("""
                        query($key: ID!) { incident(id: $key) { severity status tasks { kind status } } }""")
                .variable("key", key).execute();
        answer.path("incident.severity").entity(String.class).isEqualTo("SEV2");
        answer.path("incident.status").entity(String.class).isEqualTo("DECLARED");
        answer.path("incident.tasks[0].kind").entity(String.class).isEqualTo("INFORMATION_GATHERING");
        answer.path("incident.tasks[0].status").entity(String.class).isEqualTo("ASSIGNED");
    }

    /** Guards the saving: enum fields without a mapping of their own read the name from the row. */
    @Test
    void enumFieldsLeftToPropertyFetchingAnswerTheName() {
        GraphQLSchema schema = graphQlSource.schema();
        for (String field : List.of("Incident.severity", "Incident.status", "Task.status", "TimelineEvent.kind")) {
            assertThat(Fetchers.of(schema, field)).as(field).isInstanceOf(EnumNames.Named.class);
        }
    }
}
