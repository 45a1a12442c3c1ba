package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.Fetchers;
import dev.incidentcommand.support.IntegrationTest;
import graphql.TrivialDataFetcher;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

class BatchLoadedFieldsTest extends IntegrationTest {

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    List<Shortcut> shortcuts;

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

    @Test
    @SuppressWarnings("unchecked")
    void aBoardReadsCommandersWithItsPageAndShowsTheirCurrentNames() {
        GraphQlTester alice = as("alice");
        String commanded = declareCommandedBy(alice, "Payments timing out", "SEV2", "page-hana");
        String uncommanded = declare(alice, "Login page slow", "SEV3");
        createTask(as("page-hana"), commanded, "INFORMATION_GATHERING", "Read the gateway logs", "page-ivan");
        mutate(as("page-hana"), "renameResponder", Map.of("responder", "page-hana", "name", "Hana Ito"), "responder { name }");

        // Newest first: the two just declared. The commander is asked through a fragment.
        String board = """
                query Board { incidents(first: 2, filter: {active: true}) { edges { node { ...Card } } } }
                fragment Card on Incident { key commander { handle name } tasks { title assignee { handle } } }""";
        double fewest = Double.MAX_VALUE;
        for (int read = 0; read < 3; read++) {
            double before = statements();
            List<Map<String, Object>> nodes = alice.document(board).execute()
                    .path("incidents.edges[*].node").entityList(Object.class).get().stream()
                    .map(node -> (Map<String, Object>) node).toList();
            fewest = Math.min(fewest, statements() - before);

            assertThat(nodes).extracting(node -> node.get("key")).containsExactly(uncommanded, commanded);
            Map<String, Object> commandedCard = nodes.get(1);
            assertThat(nodes.get(0).get("commander")).isNull();
            assertThat(commandedCard.get("commander")).isEqualTo(Map.of("handle", "page-hana", "name", "Hana Ito"));
            assertThat(commandedCard.get("tasks")).isEqualTo(List.of(
                    Map.of("title", "Read the gateway logs", "assignee", Map.of("handle", "page-ivan"))));
        }
        // The page with its commanders, nothing else: the tasks come from the incidents' snapshots
        // after the first read, and the assignees' handles are known since they were assigned.
        // Background sweeps also count, so the fewest of three reads is taken.
        assertThat(fewest).isEqualTo(1.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void assigneesKnownByHandleStillShowTheirIdAndCurrentName() {
        GraphQlTester alice = as("alice");
        String incident = declareCommandedBy(alice, "Queue backlog growing", "SEV2", "known-jo");
        createTask(as("known-jo"), incident, "INFORMATION_GATHERING", "Check the consumers", "known-kai");
        String kaisId = alice.document("{ responder(handle: \"known-kai\") { id } }").execute()
                .path("responder.id").entity(String.class).get();
        String board = """
                query Board { incidents(first: 1, filter: {active: true}) {
                  edges { node { key tasks { assignee { id handle ...Named } } } } }
                }
                fragment Named on Responder { name }""";

        Map<String, Object> before = (Map<String, Object>) assignees(alice, board).get(0);
        mutate(as("known-kai"), "renameResponder", Map.of("responder", "known-kai", "name", "Kai Berg"), "responder { name }");
        double fewest = Double.MAX_VALUE;
        Map<String, Object> after = null;
        for (int read = 0; read < 3; read++) {
            double statements = statements();
            after = (Map<String, Object>) assignees(alice, board).get(0);
            fewest = Math.min(fewest, statements() - statements);
        }

        assertThat(before).isEqualTo(Map.of("id", kaisId, "handle", "known-kai", "name", "known-kai"));
        assertThat(after).isEqualTo(Map.of("id", kaisId, "handle", "known-kai", "name", "Kai Berg"));
        // A name can change, so asking for it reads the assignees again: the page, then them.
        assertThat(fewest).isEqualTo(2.0);
    }

    private static List<Object> assignees(GraphQlTester tester, String board) {
        return tester.document(board).execute().path("incidents.edges[0].node.tasks[*].assignee").entityList(Object.class).get();
    }

    private double statements() {
        return meters.get("incident_command.database.statements").counter().count();
    }

    /** Guards the saving: a Spring for GraphQL upgrade that changes how batch mappings are described would lose it quietly. */
    @Test
    void batchMappedFieldsOnlyQueueTheirParentWhileOtherFieldsKeepTheirController() {
        GraphQLSchema schema = graphQlSource.schema();
        assertThat(Fetchers.of(schema, "Incident.commander")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(Fetchers.of(schema, "Task.assignee")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(Fetchers.of(schema, "TimelineEvent.incident")).isInstanceOf(TrivialDataFetcher.class);
        assertThat(Fetchers.of(schema, "Incident.tasks")).isNotInstanceOf(TrivialDataFetcher.class);
        assertThat(Fetchers.of(schema, "Query.incidents")).isNotInstanceOf(TrivialDataFetcher.class);
    }

    /** A shortcut declared for a field that is not batch-loaded (a typo, a renamed field) would never be asked. */
    @Test
    void everyShortcutAnswersTheBatchLoadedFieldItNames() {
        GraphQLSchema schema = graphQlSource.schema();
        assertThat(shortcuts).isNotEmpty();
        for (Shortcut shortcut : shortcuts) {
            assertThat(Fetchers.of(schema, shortcut.coordinates()))
                    .as(shortcut.coordinates())
                    .isEqualTo(new BatchLoadedFields.Queued(shortcut.coordinates(), shortcut));
        }
    }
}
