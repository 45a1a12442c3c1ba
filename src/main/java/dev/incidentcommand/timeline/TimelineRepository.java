package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Connections.PageRequest;
import dev.incidentcommand.database.RowInsert;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The timeline_event table: appended to, never changed. */
@Repository
public class TimelineRepository {

    private final DatabaseClient db;

    TimelineRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An event about to be appended: what happened, who did it, and the sentence people read. */
    public record NewEvent(EventDetails details, long actorId, String summary) {
    }

    /**
     * Appends a change's events with sequences {@code firstSequence}, {@code firstSequence + 1}...
     * and writes the rows the change made ({@code rows}: a note, an update) in the same statement:
     * the incident's lock is held meanwhile, so every round trip saved shortens the queue behind
     * it. The database moves the incident's {@code last_sequence} along with the events. Only the
     * unit of work calls this, inside the change's transaction.
     */
    public Mono<Void> append(long incidentId, int firstSequence, List<NewEvent> events, List<RowInsert> rows, Instant at) {
        if (events.isEmpty() && rows.isEmpty()) {
            return Mono.empty();
        }
        // Each row in a WITH of its own; PostgreSQL runs every data-modifying WITH to completion.
        List<String> statements = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            statements.add(rows.get(r).sql("row" + r + "_"));
        }
        if (!events.isEmpty()) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < events.size(); i++) {
                values.append(i == 0 ? "" : ", ")
                        .append("(:incident, :sequence").append(i).append(", :kind").append(i).append(", :at, :actor").append(i)
                        .append(", :summary").append(i).append(", :details").append(i).append(')');
            }
            statements.add("INSERT INTO timeline_event (incident_id, sequence, kind, at, actor_id, summary, details) VALUES "
                    + values);
        }
        StringBuilder sql = new StringBuilder();
        for (int s = 0; s < statements.size() - 1; s++) {
            sql.append(s == 0 ? "WITH " : ", ").append("written").append(s).append(" AS (").append(statements.get(s)).append(") ");
        }
        sql.append(statements.get(statements.size() - 1));
        DatabaseClient.GenericExecuteSpec spec = bindEvents(bindRows(db.sql(sql.toString()), rows), events);
        if (!events.isEmpty()) {
            spec = spec.bind("incident", incidentId).bind("at", at);
        }
        for (int i = 0; i < events.size(); i++) {
            spec = spec.bind("sequence" + i, firstSequence + i);
        }
        return spec.then();
    }

    /**
     * Locks the incident, appends {@code events} after its last sequence and writes {@code rows},
     * in one statement that commits on its own: for a change that reads nothing of the incident
     * but which one it is (a note). The lock comes first, as in every change, and a statement that
     * waited for it sees the incident as the change it waited for left it, so sequences stay gapless.
     * Emits the incident's new last sequence; empty, with nothing written, when no incident has
     * both that id and that key.
     */
    public Mono<Integer> appendLocking(long incidentId, String key, List<NewEvent> events, List<RowInsert> rows, Instant at) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Nothing to append to incident " + key);
        }
        StringBuilder sql = new StringBuilder(
                "WITH locked AS (SELECT id, last_sequence FROM incident WHERE id = :incident AND key = :key FOR UPDATE)");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(", written").append(r).append(" AS (").append(rows.get(r).sqlFor("row" + r + "_", "locked")).append(')');
        }
        sql.append(" INSERT INTO timeline_event (incident_id, sequence, kind, at, actor_id, summary, details)")
                .append(" SELECT locked.id, locked.last_sequence + e.n, e.kind, :at, e.actor, e.summary, e.details")
                .append(" FROM locked CROSS JOIN (VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", :kind").append(i).append(", :actor").append(i)
                    .append(", :summary").append(i).append(", :details").append(i).append(')');
        }
        sql.append(") AS e (n, kind, actor, summary, details) RETURNING sequence");
        return bindEvents(bindRows(db.sql(sql.toString()), rows), events)
                .bind("incident", incidentId)
                .bind("key", key)
                .bind("at", at)
                .map(row -> row.get("sequence", Integer.class))
                .all()
                .reduce(Math::max);
    }

    /** Binds each row's values under the names its part of the statement gave them. */
    private static DatabaseClient.GenericExecuteSpec bindRows(DatabaseClient.GenericExecuteSpec spec, List<RowInsert> rows) {
        for (int r = 0; r < rows.size(); r++) {
            spec = rows.get(r).bind(spec, "row" + r + "_");
        }
        return spec;
    }

    /** Binds what each event is: {@code kind}, {@code actor}, {@code summary} and {@code details}, numbered from 0. */
    private static DatabaseClient.GenericExecuteSpec bindEvents(DatabaseClient.GenericExecuteSpec spec, List<NewEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            spec = spec.bind("kind" + i, event.details().eventKind().name())
                    .bind("actor" + i, event.actorId())
                    .bind("summary" + i, event.summary())
                    .bind("details" + i, Json.of(EventJson.write(event.details())));
        }
        return spec;
    }

    /** How many events of each of the given kinds an incident's timeline holds. */
    public Mono<Map<TimelineEventKind, Long>> count(long incidentId, List<TimelineEventKind> kinds) {
        return db.sql("""
                        SELECT kind, count(*) AS n FROM timeline_event
                        WHERE incident_id = :incident AND kind = ANY(:kinds) GROUP BY kind""")
                .bind("incident", incidentId)
                .bind("kinds", kinds.stream().map(Enum::name).toArray(String[]::new))
                .map(row -> Map.entry(TimelineEventKind.valueOf(row.get("kind", String.class)), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** A page of an incident's events in sequence order, fetching one extra row to see if more follow. */
    public Mono<List<TimelineEvent>> page(long incidentId, PageRequest page) {
        return db.sql("""
                        SELECT * FROM timeline_event
                        WHERE incident_id = :incident AND sequence > :after
                        ORDER BY sequence LIMIT :limit""")
                .bind("incident", incidentId)
                .bind("after", page.after() == null ? 0 : page.after())
                .bind("limit", page.fetchSize())
                .map(this::map)
                .all()
                .collectList();
    }

    /** Up to {@code limit} events of one incident after {@code afterSequence} and before {@code beforeSequence}. */
    public Mono<List<TimelineEvent>> range(long incidentId, int afterSequence, int beforeSequence, int limit) {
        return db.sql("""
                        SELECT * FROM timeline_event
                        WHERE incident_id = :incident AND sequence > :after AND sequence < :before
                        ORDER BY sequence LIMIT :limit""")
                .bind("incident", incidentId)
                .bind("after", afterSequence)
                .bind("before", beforeSequence)
                .bind("limit", limit)
                .map(this::map)
                .all()
                .collectList();
    }

    /** An incident's first event of this kind, if it has one. */
    public Mono<TimelineEvent> first(long incidentId, TimelineEventKind kind) {
        return db.sql("""
                        SELECT * FROM timeline_event WHERE incident_id = :incident AND kind = :kind
                        ORDER BY sequence LIMIT 1""")
                .bind("incident", incidentId)
                .bind("kind", kind.name())
                .map(this::map)
                .one();
    }

    /**
     * The live feed's read: for each incident id, the events with a sequence above the given one,
     * ordered by incident and sequence. Each incident is looked up in the (incident, sequence) index
     * at its position. A plain join let the planner merge the ids with the whole index from its
     * start, reading every event of every incident with a lower id: a read that grew with history.
     */
    static final String EVENTS_AFTER = """
            SELECT e.* FROM unnest(:ids::bigint[], :after::integer[]) AS w(incident_id, after_sequence)
            CROSS JOIN LATERAL (
                SELECT * FROM timeline_event t
                WHERE t.incident_id = w.incident_id AND t.sequence > w.after_sequence
                ORDER BY t.sequence LIMIT :limit) AS e
            ORDER BY e.incident_id, e.sequence
            LIMIT :limit""";

    /** Up to {@code limit} events after a position, for several incidents in one query: see {@link #EVENTS_AFTER}. */
    public Mono<List<TimelineEvent>> after(Map<Long, Integer> afterByIncident, int limit) {
        Long[] ids = afterByIncident.keySet().toArray(Long[]::new);
        Integer[] after = Arrays.stream(ids).map(afterByIncident::get).toArray(Integer[]::new);
        return db.sql(EVENTS_AFTER)
                .bind("ids", ids)
                .bind("after", after)
                .bind("limit", limit)
                .map(this::map)
                .all()
                .collectList();
    }

    TimelineEvent map(Readable row) {
        return new TimelineEvent(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                row.get("sequence", Integer.class),
                TimelineEventKind.valueOf(row.get("kind", String.class)),
                row.get("at", Instant.class),
                row.get("actor_id", Long.class),
                row.get("summary", String.class),
                row.get("details", Json.class).asString());
    }
}
