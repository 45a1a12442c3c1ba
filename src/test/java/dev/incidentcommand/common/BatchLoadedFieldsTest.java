package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import graphql.TrivialDataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static org.assertj.core.api.Assertions.assertThat;

class BatchLoadedFieldsTest extends IntegrationTest {

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    @SuppressWarnings("unchecked")
    void aBoardGetsEachIncidentsCommanderAndEachTasksAssignee() {
        GraphQlTester alice = as("alice");
        String first = declareCommandedBy(alice, "Checkout errors", "SEV2", "loader-carol");
        String second = declareCommandedBy(alice, "Search latency", "SEV3", "loader-dave");
        createTask(as("loader-carol"), first, "INFORMATION_GATHERING", "Read the logs", "loader-erin");
        createTask(as("loader-carol"), first, "INTERNAL_COMMS", "Tell support", "loader-frank");
        createTask(as("loader-dave"), second, "COORDINATION", "Run the call", "loader-grace");

        GraphQlTester.Response answer = alice.document("""
                        {
                          incidents(first: 50, filter: {active: true}) {
                            edges { node { key commander { handle } tasks { title assignee { handle } } } }
                          }
                        }""")
                .execute();
        List<Map<String, Object>> nodes = answer.path("incidents.edges[*].node").entityList(Object.class).get().stream()
                .map(node -> (Map<String, Object>) node)
                .filter(node -> List.of(first, second).contains(node.get("key")))
                .toList();
        assertThat(nodes).hasSize(2);
        assertThat(nodes).anySatisfy(node -> {
            assertThat(node.get("key")).isEqualTo(first);
            assertThat(node.get("commander")).isEqualTo(Map.of("handle", "loader-carol"));
            assertThat(node.get("tasks")).isEqualTo(List.of(
                    Map.of("title", "Read the logs", "assignee", Map.of("handle", "loader-erin")),
                    Map.of("title", "Tell support", "assignee", Map.of("handle", "loader-frank"))));
        });
        assertThat(nodes).anySatisfy(node -> {
            assertThat(node.get("key")).isEqualTo(second);
            assertThat(node.get("commander")).isEqualTo(Map.of("handle", "loader-dave"));
            assertThat(node.get("tasks")).isEqualTo(List.of(
                    Map.of("title", "Run the call", "assignee", Map.of("handle", "loader-grace"))));
        });
    }

    /** Guards the saving: a Spring for GraphQL upgrade that changes how batch mappings are described would lose it quietly. */
    @Test
    void batchMappedFieldsOnlyQueueTheirParentWhileOtherFieldsKeepTheirController() {
        GraphQLSchema schema = graphQlSource.schema();
        assertThat(fetcher(schema, "Incident", "commander")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(fetcher(schema, "Task", "assignee")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(fetcher(schema, "TimelineEvent", "incident")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(fetcher(schema, "Incident", "tasks")).isNotInstanceOf(TrivialDataFetcher.class);
        assertThat(fetcher(schema, "Query", "incidents")).isNotInstanceOf(TrivialDataFetcher.class);
    }

    private static Object fetcher(GraphQLSchema schema, String type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field),
                schema.getObjectType(type).getFieldDefinition(field));
    }
}
