package dev.incidentcommand.timeline;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static org.assertj.core.api.Assertions.assertThat;

/** The live feed's read costs the new events only, however long the other timelines are. */
class LiveReadTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    TimelineRepository timeline;

    @Test
    void readingAnIncidentsNewEventsDoesNotWadeThroughOtherIncidentsHistory() {
        GraphQlTester alice = as("alice");
        String longRunning = declare(alice, "A long-running incident", "SEV2");
        String fresh = declare(alice, "A fresh incident", "SEV3");
        // A long history on the incident with the lower id, which an index read from the start passes first.
        db.sql("""
                        INSERT INTO timeline_event (incident_id, sequence, kind, at, actor_id, summary, details)
                        SELECT i.id, i.last_sequence + g, 'NOTE_ADDED', now(), i.declared_by_id, 'history',
                               '{"kind": "TEXT", "body": "history"}'::jsonb
                        FROM incident i, generate_series(1, 20000) AS g WHERE i.key = :key""")
                .bind("key", longRunning).then().block();
        assertThat(errorCodes(alice, "addNote", Map.of("incidentId", fresh, "body", "Rolled back the deploy"))).isEmpty();
        db.sql("ANALYZE timeline_event").then().block();
        long freshId = db.sql("SELECT id FROM incident WHERE key = :key").bind("key", fresh)
                .map(row -> row.get("id", Long.class)).one().block();

        List<TimelineEvent> read = timeline.after(Map.of(freshId, 1), 500).block();
        assertThat(read).extracting(TimelineEvent::sequence).containsExactly(2);

        String plan = db.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + TimelineRepository.EVENTS_AFTER)
                .bind("ids", new Long[] {freshId})
                .bind("after", new Integer[] {1})
                .bind("limit", 500)
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(rowsOfTimelineEventVisited(JsonMapper.builder().build().readTree(plan)))
                .as("rows of timeline_event the read visited, in plan %s", plan)
                .isLessThanOrEqualTo(2);
    }

    /** Rows each scan of timeline_event returned or filtered out, over all its loops. */
    private static long rowsOfTimelineEventVisited(JsonNode node) {
        long rows = 0;
        if (node.isObject() && "timeline_event".equals(node.path("Relation Name").asString(""))) {
            rows += (node.path("Actual Rows").asLong(0) + node.path("Rows Removed by Filter").asLong(0))
                    * Math.max(1, node.path("Actual Loops").asLong(1));
        }
        for (JsonNode child : node) {
            rows += rowsOfTimelineEventVisited(child);
        }
        return rows;
    }
}
