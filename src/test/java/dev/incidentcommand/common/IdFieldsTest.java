package dev.incidentcommand.common;

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

class IdFieldsTest extends IntegrationTest {

    @Autowired
    GraphQlSource graphQlSource;

    /** Every id a board reads decodes to its own type's row, and each leads back to what it names. */
    @Test
    void idsOnEveryRowNameTheirOwnKindOfThing() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Queue backlog", "SEV3", "idf-carol");
        createTask(as("idf-carol"), key, "INFORMATION_GATHERING", "Read the consumer logs", "idf-erin");
        mutate(as("idf-carol"), "addNote", Map.of("incidentId", key, "body", "Backlog at 40k"), "note { id }");

        GraphQlTester.Response answer = alice.document("""
                        query($key: ID!) { incident(id: $key) {
                          id commander { id } tasks { id assignee { id } } notes { id }
                          timeline(first: 1) { edges { node { id } } } } }""")
                .variable("key", key).execute();
        assertThat(Ids.decode(Ids.Type.Incident, answer.path("incident.id").entity(String.class).get())).isPresent();
        assertThat(Ids.decode(Ids.Type.Responder, answer.path("incident.commander.id").entity(String.class).get())).isPresent();
        String task = answer.path("incident.tasks[0].id").entity(String.class).get();
        assertThat(Ids.decode(Ids.Type.Task, task)).isPresent();
        assertThat(Ids.decode(Ids.Type.Incident, task)).isEmpty();
        assertThat(Ids.decode(Ids.Type.Responder, answer.path("incident.tasks[0].assignee.id").entity(String.class).get())).isPresent();
        assertThat(Ids.decode(Ids.Type.Note, answer.path("incident.notes[0].id").entity(String.class).get())).isPresent();
        assertThat(Ids.decode(Ids.Type.TimelineEvent,
                answer.path("incident.timeline.edges[0].node.id").entity(String.class).get())).isPresent();
        // The task's id is one the API takes back.
        mutate(as("idf-erin"), "acknowledgeTask", Map.of("taskId", task), "task { id status }")
                .path("acknowledgeTask.task.id").entity(String.class).isEqualTo(task)
                .path("acknowledgeTask.task.status").entity(String.class).isEqualTo("ACKNOWLEDGED");
    }

    /** Each type with an id is read by the one trivial fetcher: no controller call per row. */
    @Test
    void everyTypeWithAnIdReadsItFromTheRow() {
        GraphQLSchema schema = graphQlSource.schema();
        for (Ids.Type type : Ids.Type.values()) {
            assertThat(Fetchers.of(schema, type.name() + ".id"))
                    .as(type + ".id")
                    .isEqualTo(new IdFields.Encoded(type));
        }
    }
}
