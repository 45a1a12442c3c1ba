package dev.incidentcommand.incident;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The live feed's read: the new events of the incidents it is asked about, with those incidents, in
 * one statement that costs the new events only, however long the other timelines are.
 */
class LiveReadTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    IncidentRepository incidents;

    @Test
    void readsTheNewEventsOfEachIncidentInOrderWithTheIncidentAsItStands() {
        GraphQlTester alice = as("alice");
        String checkout = declare(alice, "Checkout is failing", "SEV2");
        String search = declare(alice, "Search is slow", "SEV3");
        note(alice, search, "p99 up since 10:02");
        note(alice, checkout, "Payments return 502");
        note(alice, checkout, "Rolling back 4.2");
        long first = idOf(checkout);
        long second = idOf(search);
        assertThat(first).as("declared first, numbered first").isLessThan(second);

        IncidentRepository.EventsRead read = incidents.eventsAfter(Map.of(first, 1, second, 1), 500).block();

        assertThat(read.events()).extracting(TimelineEvent::incidentId, TimelineEvent::sequence, TimelineEvent::kind)
                .containsExactly(
                        tuple(first, 2, TimelineEventKind.NOTE_ADDED),
                        tuple(first, 3, TimelineEventKind.NOTE_ADDED),
                        tuple(second, 2, TimelineEventKind.NOTE_ADDED));
        assertThat(read.incidents()).containsOnlyKeys(first, second);
        assertThat(read.incidents().get(first).title()).isEqualTo("Checkout is failing");
        assertThat(read.incidents().get(first).lastSequence()).isEqualTo(3);
        assertThat(read.incidents().get(second).lastSequence()).isEqualTo(2);
    }

    @Test
    void aLimitedReadStopsAtTheLimitWithTheIncidentAsItStands() {
        GraphQlTester alice = as("alice");
        String login = declare(alice, "Login errors", "SEV2");
        note(alice, login, "Errors from the identity provider");
        note(alice, login, "Failing over to the standby");
        note(alice, login, "Error rate back to normal");
        long incident = idOf(login);

        IncidentRepository.EventsRead read = incidents.eventsAfter(Map.of(incident, 1), 2).block();

        assertThat(read.events()).extracting(TimelineEvent::sequence).containsExactly(2, 3);
        // The incident as it stands, ahead of the events the limit left for the next read.
        assertThat(read.incidents().get(incident).lastSequence()).isEqualTo(4);
        assertThat(incidents.eventsAfter(Map.of(incident, 4), 500).block().events()).isEmpty();
    }

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
        note(alice, fresh, "Rolled back the deploy");
        long freshId = idOf(fresh);
        db.sql("ANALYZE timeline_event").then().block();

        List<TimelineEvent> read = incidents.eventsAfter(Map.of(freshId, 1), 500).block().events();
        assertThat(read).extracting(TimelineEvent::sequence).containsExactly(2);

        String plan = db.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + IncidentRepository.EVENTS_AFTER_WITH_INCIDENTS)
                .bind("ids", new Long[] {freshId})
                .bind("after", new Integer[] {1})
                .bind("limit", 500)
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(rowsOfTimelineEventVisited(JsonMapper.builder().build().readTree(plan)))
                .as("rows of timeline_event the read visited, in plan %s", plan)
                .isLessThanOrEqualTo(2);
    }

    private long idOf(String key) {
        return db.sql("SELECT id FROM incident WHERE key = :key").bind("key", key)
                .map(row -> row.get("id", Long.class)).one().block();
    }

    private static void note(GraphQlTester tester, String incident, String body) {
        assertThat(errorCodes(tester, "addNote", Map.of("incidentId", incident, "body", body))).isEmpty();
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
