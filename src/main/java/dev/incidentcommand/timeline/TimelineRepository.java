package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map<String, Object> parameters = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            rows.get(r).bindInto(parameters, "row" + r + "_");
        }
        bindEvents(parameters, events, "");
        if (!events.isEmpty()) {
            parameters.put("incident", incidentId);
            parameters.put("at", at);
        }
        for (int i = 0; i < events.size(); i++) {
            parameters.put("sequence" + i, firstSequence + i);
        }
        return db.sql(sql.toString()).bindValues(parameters).then();
    }

    /** What one change writes on an incident it names by id and key, without reading it: see {@link #appendLocking}. */
    public record LockingAppend(long incidentId, String key, List<NewEvent> events, List<RowInsert> rows, Instant at) {

        public LockingAppend {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("Nothing to append to incident " + key);
            }
        }
    }

    /**
     * Locks the incidents of {@code appends} and, for each append, writes its rows and appends its
     * events after its incident's last sequence, in one statement that commits on its own: for
     * changes that read nothing of the incident but which one it is (notes). The locks come
     * first, as in every change, so sequences stay gapless; an incident another transaction holds
     * is skipped, not waited for, so the statement never waits behind a change to one incident
     * with the appends to all the others. Appends on one incident follow each other in list order,
     * and all of one incident's must name it by the same key. An append writes nothing when no
     * incident has both its id and its key, or when its incident was held. Emits, for each append
     * in order, its last sequence, or empty for one that wrote nothing.
     */
    Mono<List<Optional<Integer>>> appendLocking(List<LockingAppend> appends) {
        // Each event's place in its incident's run of new events: 1, 2... after the last sequence.
        Map<Long, Integer> placed = new HashMap<>();
        int[] lastPlace = new int[appends.size()];
        StringBuilder sql = new StringBuilder(
                "WITH locked AS (SELECT id, key, last_sequence FROM incident WHERE id = ANY(:ids) FOR UPDATE SKIP LOCKED)");
        StringBuilder values = new StringBuilder();
        for (int a = 0; a < appends.size(); a++) {
            LockingAppend append = appends.get(a);
            if (!append.rows().isEmpty()) {
                sql.append(", on").append(a).append(" AS (SELECT id FROM locked WHERE id = :incident").append(a)
                        .append(" AND key = :key").append(a).append(')');
                for (int r = 0; r < append.rows().size(); r++) {
                    sql.append(", written").append(a).append('_').append(r).append(" AS (")
                            .append(append.rows().get(r).sqlFor(rowPrefix(a, r), "on" + a)).append(')');
                }
            }
            int place = placed.getOrDefault(append.incidentId(), 0);
            for (int i = 0; i < append.events().size(); i++) {
                String event = a + "_" + i;
                values.append(values.isEmpty() ? "" : ", ").append("(:incident").append(a).append(", :key").append(a)
                        .append(", ").append(++place).append(", :kind").append(event).append(", :at").append(a)
                        .append(", :actor").append(event).append(", :summary").append(event).append(", :details").append(event)
                        .append(')');
            }
            placed.put(append.incidentId(), place);
            lastPlace[a] = place;
        }
        sql.append(" INSERT INTO timeline_event (incident_id, sequence, kind, at, actor_id, summary, details)")
                .append(" SELECT locked.id, locked.last_sequence + e.n, e.kind, e.at, e.actor, e.summary, e.details")
                .append(" FROM (VALUES ").append(values)
                .append(") AS e (incident, key, n, kind, at, actor, summary, details)")
                .append(" JOIN locked ON locked.id = e.incident AND locked.key = e.key")
                .append(" RETURNING incident_id, sequence");
        // One map of them all: each bind on the spec would copy all bound before it.
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ids", appends.stream().map(LockingAppend::incidentId).distinct().toArray(Long[]::new));
        for (int a = 0; a < appends.size(); a++) {
            LockingAppend append = appends.get(a);
            parameters.put("incident" + a, append.incidentId());
            parameters.put("key" + a, append.key());
            parameters.put("at" + a, append.at());
            for (int r = 0; r < append.rows().size(); r++) {
                append.rows().get(r).bindInto(parameters, rowPrefix(a, r));
            }
            bindEvents(parameters, append.events(), a + "_");
        }
        return db.sql(sql.toString())
                .bindValues(parameters)
                .map(row -> Map.entry(row.get("incident_id", Long.class), row.get("sequence", Integer.class)))
                .all()
                // The first sequence written on each incident; each append's follow from its place.
                .collect(HashMap<Long, Integer>::new, (first, written) -> first.merge(written.getKey(), written.getValue(), Math::min))
                .map(first -> {
                    List<Optional<Integer>> last = new ArrayList<>(appends.size());
                    for (int a = 0; a < appends.size(); a++) {
                        Integer firstWritten = first.get(appends.get(a).incidentId());
                        last.add(firstWritten == null ? Optional.empty() : Optional.of(firstWritten - 1 + lastPlace[a]));
                    }
                    return last;
                });
    }

    private static String rowPrefix(int append, int row) {
        return "row" + append + "_" + row + "_";
    }

    /**
     * Puts what each event is into {@code parameters}: {@code kind}, {@code actor}, {@code summary}
     * and {@code details}, each followed by {@code prefix} and the event's number from 0.
     */
    private static void bindEvents(Map<String, Object> parameters, List<NewEvent> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            parameters.put("kind" + prefix + i, event.details().eventKind().name());
            parameters.put("actor" + prefix + i, event.actorId());
            parameters.put("summary" + prefix + i, event.summary());
            parameters.put("details" + prefix + i, Json.of(EventJson.write(event.details())));
        }
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
     * The live feed's read (see {@code IncidentRepository.eventsAfter}): for each id in {@code :ids},
     * up to {@code :limit} events with a sequence above the one at the same place in {@code :after},
     * ordered by incident and sequence. Each incident is looked up in the (incident, sequence) index
     * at its position. A plain join let the planner merge the ids with the whole index from its
     * start, reading every event of every incident with a lower id: a read that grew with history.
     */
    public static final String EVENTS_AFTER = """
            SELECT e.* FROM unnest(:ids::bigint[], :after::integer[]) AS w(incident_id, after_sequence)
            CROSS JOIN LATERAL (
                SELECT * FROM timeline_event t
                WHERE t.incident_id = w.incident_id AND t.sequence > w.after_sequence
                ORDER BY t.sequence LIMIT :limit) AS e
            ORDER BY e.incident_id, e.sequence
            LIMIT :limit""";

    /** An event read from the columns as {@code columns} names them. */
    public static TimelineEvent read(Readable row, Columns columns) {
        return new TimelineEvent(
                row.get(columns.id(), Long.class),
                row.get(columns.incidentId(), Long.class),
                row.get(columns.sequence(), Integer.class),
                TimelineEventKind.valueOf(row.get(columns.kind(), String.class)),
                row.get(columns.at(), Instant.class),
                row.get(columns.actorId(), Long.class),
                row.get(columns.summary(), String.class),
                row.get(columns.details(), Json.class).asString());
    }

    TimelineEvent map(Readable row) {
        return read(row, Columns.TABLE);
    }

    /** How a statement names the timeline's columns: as the table does, or each under a prefix beside another table's. */
    public record Columns(String id, String incidentId, String sequence, String kind, String at, String actorId,
                          String summary, String details) {

        static final Columns TABLE = prefixed("");

        /** Each column named {@code prefix} + its name, as {@link #selectFrom} reads them. */
        public static Columns prefixed(String prefix) {
            return new Columns(prefix + "id", prefix + "incident_id", prefix + "sequence", prefix + "kind", prefix + "at",
                    prefix + "actor_id", prefix + "summary", prefix + "details");
        }

        /** A select list reading the timeline table, joined under {@code alias}, as these columns. */
        public String selectFrom(String alias) {
            return alias + ".id AS " + id + ", " + alias + ".incident_id AS " + incidentId + ", " + alias + ".sequence AS " + sequence
                    + ", " + alias + ".kind AS " + kind + ", " + alias + ".at AS " + at + ", " + alias + ".actor_id AS " + actorId
                    + ", " + alias + ".summary AS " + summary + ", " + alias + ".details AS " + details;
        }
    }
}
