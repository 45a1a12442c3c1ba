package dev.incidentcommand.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import static dev.incidentcommand.support.Api.declare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineSequenceTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void concurrentChangesToOneIncidentGetGaplessSequences() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Everything is on fire", "SEV1");
        int writers = 120;
        HttpGraphQlClient client = client(port, "bot");

        // Notes, updates, tasks and joins all at once, 32 in flight.
        List<String> codes = Flux.range(0, writers)
                .flatMap(i -> client.document(mutationFor(i))
                        .variable("input", inputFor(i, key))
                        .execute()
                        .map(response -> response.field(fieldFor(i) + ".userErrors").toEntityList(Object.class).size() + ""), 32)
                .collectList()
                .block(Duration.ofSeconds(120));
        assertThat(codes).hasSize(writers).containsOnly("0");

        List<Integer> sequences = new ArrayList<>();
        String after = null;
        do {
            GraphQlTester.Response page = alice.documentName("timeline").variable("id", key).variable("first", 100)
                    .variable("after", after).execute();
            sequences.addAll(page.path("incident.timeline.edges[*].node.sequence").entityList(Integer.class).get());
            after = page.path("incident.timeline.pageInfo.hasNextPage").entity(Boolean.class).get()
                    ? page.path("incident.timeline.pageInfo.endCursor").entity(String.class).get() : null;
        } while (after != null);

        assertThat(sequences).containsExactlyElementsOf(IntStream.rangeClosed(1, writers + 1).boxed().toList());
        alice.documentName("incident").variable("id", key).execute()
                .path("incident.lastSequence").entity(Integer.class).isEqualTo(writers + 1);
    }

    @Test
    void timelineEventsCannotBeChangedOrRemoved() {
        String key = declare(as("alice"), "Audit check", "SEV5");
        assertThatThrownBy(() -> db.sql("UPDATE timeline_event SET summary = 'edited' WHERE incident_id = "
                        + "(SELECT id FROM incident WHERE key = :key)").bind("key", key).then().block())
                .hasMessageContaining("never changed or removed");
        assertThatThrownBy(() -> db.sql("DELETE FROM timeline_event WHERE incident_id = "
                        + "(SELECT id FROM incident WHERE key = :key)").bind("key", key).then().block())
                .hasMessageContaining("never changed or removed");
    }

    private static String fieldFor(int i) {
        return switch (i % 4) {
            case 0 -> "addNote";
            case 1 -> "postUpdate";
            case 2 -> "createTask";
            default -> "joinIncident";
        };
    }

    private static String mutationFor(int i) {
        String field = fieldFor(i);
        String type = Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Input";
        return "mutation($input: " + type + "!) { " + field + "(input: $input) { userErrors { code } } }";
    }

    private static Map<String, Object> inputFor(int i, String key) {
        return switch (i % 4) {
            case 0 -> Map.of("incidentId", key, "body", "note " + i);
            case 1 -> Map.of("incidentId", key, "audience", "INTERNAL", "body", "update " + i);
            case 2 -> Map.of("incidentId", key, "kind", "INFORMATION_GATHERING", "title", "look " + i, "assignee", "responder" + i);
            default -> Map.of("incidentId", key, "responder", "joiner" + i);
        };
    }
}
