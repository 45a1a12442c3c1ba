package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Connections.PageRequest;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineRepository;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.util.ConcurrentLruCache;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The incident table: the only code that writes it. */
@Repository
public class IncidentRepository {

    /** How the commander's columns are named beside the incident's when a page reads both. */
    private static final ResponderRepository.Columns COMMANDER = ResponderRepository.Columns.prefixed("commander_responder_");

    /** How an event's columns are named beside its incident's when the live feed reads both. */
    private static final TimelineRepository.Columns EVENT = TimelineRepository.Columns.prefixed("event_");
    static final String EVENTS_AFTER_WITH_INCIDENTS = "SELECT incident.*, " + EVENT.selectFrom("e")
            + " FROM (" + TimelineRepository.EVENTS_AFTER + ") AS e JOIN incident ON incident.id = e.incident_id"
            + " ORDER BY e.incident_id, e.sequence";

    private final DatabaseClient db;
    private final JsonMapper json;
    /**
     * Impacts read, by their stored text. Every read of an incident carries its impact, most lists
     * never show it, and a few texts repeat across incidents and reads: parsing each once keeps
     * Jackson out of the board's profile. Impacts are immutable, so sharing them is safe.
     */
    private final ConcurrentLruCache<String, Impact> impacts;

    IncidentRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.impacts = new ConcurrentLruCache<>(1024, text -> json.readValue(text, Impact.class));
    }

    /**
     * Reads the incident and locks its row until the transaction ends. Every change takes this
     * lock first, which serializes changes per incident (and so keeps timeline sequences gapless)
     * while changes to different incidents run side by side.
     */
    public Mono<Incident> lock(IncidentRef ref) {
        return select(ref, " FOR UPDATE");
    }

    public Mono<Incident> find(IncidentRef ref) {
        return select(ref, "");
    }

    private Mono<Incident> select(IncidentRef ref, String suffix) {
        if (ref instanceof IncidentRef.ByKey byKey) {
            return db.sql("SELECT * FROM incident WHERE key = :key" + suffix)
                    .bind("key", byKey.key()).map(this::map).one();
        }
        return db.sql("SELECT * FROM incident WHERE id = :id" + suffix)
                .bind("id", ((IncidentRef.ById) ref).id()).map(this::map).one();
    }

    public Mono<Map<Long, Incident>> findByIds(Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT * FROM incident WHERE id = ANY(:ids)")
                .bind("ids", distinct.toArray(Long[]::new))
                .map(this::map)
                .all()
                .collect(Collectors.toMap(Incident::id, Function.identity()));
    }

    /**
     * Up to {@code limit} events after each incident's position (its id to the sequence handed out
     * last), ordered by incident and sequence, with their incidents: the live feed's read, in one
     * statement. One statement sees one snapshot, so each incident is read as it stood with the
     * newest of its events read, or later when the limit left some of them for the next read.
     */
    public Mono<EventsRead> eventsAfter(Map<Long, Integer> afterByIncident, int limit) {
        Long[] ids = afterByIncident.keySet().toArray(Long[]::new);
        Integer[] after = Arrays.stream(ids).map(afterByIncident::get).toArray(Integer[]::new);
        return Mono.defer(() -> {
            // Rows come one at a time, in order; an incident with several events is mapped once.
            Map<Long, Incident> incidents = new HashMap<>();
            return db.sql(EVENTS_AFTER_WITH_INCIDENTS)
                    .bind("ids", ids)
                    .bind("after", after)
                    .bind("limit", limit)
                    .map(row -> {
                        TimelineEvent event = TimelineRepository.read(row, EVENT);
                        incidents.computeIfAbsent(event.incidentId(), id -> map(row));
                        return event;
                    })
                    .all()
                    .collectList()
                    .map(events -> new EventsRead(events, incidents));
        });
    }

    /** Events read with the incidents they belong to, by id. */
    public record EventsRead(List<TimelineEvent> events, Map<Long, Incident> incidents) {
    }

    /** The incidents the items belong to, in one query: for batch loading {@code incident} fields. */
    public <T> Mono<Map<T, Incident>> incidentsOf(List<T> items, ToLongFunction<T> incidentId) {
        return findByIds(items.stream().map(incidentId::applyAsLong).toList())
                .map(byId -> ByIncident.incidentOf(items, byId, incidentId));
    }

    /**
     * Locks the incident counter until the transaction ends, without taking a number. Declarations
     * take it first, so they run one at a time: a repeat of an alert sees the incident a
     * declaration just before it created, and only a new incident takes a number.
     */
    Mono<Void> lockNumbers() {
        return db.sql("SELECT last_number FROM incident_counter FOR UPDATE").then();
    }

    /**
     * Inserts a new incident under the next number. The counter moves in the declaring transaction,
     * so a rolled-back declaration gives its number back and keys stay gapless.
     */
    Mono<Incident> insert(NewIncident incident) {
        return db.sql("""
                        WITH next AS (UPDATE incident_counter SET last_number = last_number + 1 RETURNING last_number)
                        INSERT INTO incident (key, title, severity, status, source, external_ref, impact, call_url,
                                              commander_id, declared_by_id, detected_at, declared_at, acknowledged_at, updated_at,
                                              last_check_in_at, alert_url)
                        SELECT 'INC-' || next.last_number, :title, :severity, 'DECLARED', :source, :externalRef,
                                :impact, :callUrl, :commander, :declaredBy, :detectedAt, :now, :acknowledgedAt, :now, :now, :alertUrl
                        FROM next
                        RETURNING *""")
                .bind("title", incident.title())
                .bind("severity", incident.severity().name())
                .bind("source", incident.source().name())
                .bind("externalRef", Parameter.fromOrEmpty(incident.externalRef(), String.class))
                .bind("impact", Json.of(json.writeValueAsString(incident.impact())))
                .bind("callUrl", Parameter.fromOrEmpty(incident.callUrl(), String.class))
                .bind("alertUrl", Parameter.fromOrEmpty(incident.alertUrl(), String.class))
                .bind("commander", Parameter.fromOrEmpty(incident.commanderId(), Long.class))
                .bind("declaredBy", incident.declaredById())
                .bind("detectedAt", incident.detectedAt())
                .bind("now", incident.declaredAt())
                .bind("acknowledgedAt", Parameter.fromOrEmpty(
                        incident.commanderId() != null ? incident.declaredAt() : null, Instant.class))
                .map(this::map)
                .one();
    }

    /** The unresolved incident from {@code source} carrying {@code externalRef}, locked; empty when there is none. */
    Mono<Incident> lockOpenAlert(IncidentSource source, String externalRef) {
        return db.sql("""
                        SELECT * FROM incident
                        WHERE source = :source AND external_ref = :ref AND status <> 'RESOLVED'
                        FOR UPDATE""")
                .bind("source", source.name())
                .bind("ref", externalRef)
                .map(this::map)
                .one();
    }

    /**
     * Writes the incident's changeable state. Its last sequence and update time follow its
     * timeline: the database moves them as events are appended (see V4__incident_follows_timeline.sql).
     */
    public Mono<Void> save(Incident incident) {
        return db.sql("""
                        UPDATE incident SET title = :title, call_url = :callUrl, external_ref = :externalRef,
                               severity = :severity, status = :status, impact = :impact,
                               commander_id = :commander, acknowledged_at = :acknowledgedAt,
                               mitigated_at = :mitigatedAt, resolved_at = :resolvedAt,
                               idle_since = :idleSince, stalled_since = :stalledSince, last_check_in_at = :lastCheckInAt,
                               check_in_missed_at = :checkInMissedAt, monitoring_until = :monitoringUntil,
                               monitoring_ended = :monitoringEnded, next_due_at = :nextDueAt
                        WHERE id = :id""")
                .bind("id", incident.id())
                .bind("title", incident.title())
                .bind("callUrl", Parameter.fromOrEmpty(incident.callUrl(), String.class))
                .bind("externalRef", Parameter.fromOrEmpty(incident.externalRef(), String.class))
                .bind("severity", incident.severity().name())
                .bind("status", incident.status().name())
                .bind("impact", Json.of(json.writeValueAsString(incident.impact())))
                .bind("commander", Parameter.fromOrEmpty(incident.commanderId(), Long.class))
                .bind("acknowledgedAt", Parameter.fromOrEmpty(incident.acknowledgedAt(), Instant.class))
                .bind("mitigatedAt", Parameter.fromOrEmpty(incident.mitigatedAt(), Instant.class))
                .bind("resolvedAt", Parameter.fromOrEmpty(incident.resolvedAt(), Instant.class))
                .bind("idleSince", Parameter.fromOrEmpty(incident.watch().idleSince(), Instant.class))
                .bind("stalledSince", Parameter.fromOrEmpty(incident.watch().stalledSince(), Instant.class))
                .bind("lastCheckInAt", incident.watch().lastCheckInAt())
                .bind("checkInMissedAt", Parameter.fromOrEmpty(incident.watch().checkInMissedAt(), Instant.class))
                .bind("monitoringUntil", Parameter.fromOrEmpty(incident.watch().monitoringUntil(), Instant.class))
                .bind("monitoringEnded", incident.watch().monitoringEnded())
                .bind("nextDueAt", Parameter.fromOrEmpty(incident.watch().nextDueAt(), Instant.class))
                .then();
    }

    /** Where each incident's timeline stands: its id and newest sequence. */
    public record Position(long incidentId, int lastSequence) {
    }

    /** Every incident's position; read once when the live feed starts. */
    public Flux<Position> positions() {
        return db.sql("SELECT id, last_sequence FROM incident")
                .map(row -> new Position(row.get("id", Long.class), row.get("last_sequence", Integer.class)))
                .all();
    }

    /** Positions of unresolved incidents and of any changed since {@code since}. */
    public Flux<Position> positionsChangedSince(Instant since) {
        return db.sql("SELECT id, last_sequence FROM incident WHERE status <> 'RESOLVED' OR updated_at > :since")
                .bind("since", since)
                .map(row -> new Position(row.get("id", Long.class), row.get("last_sequence", Integer.class)))
                .all();
    }

    /**
     * Locks one incident that some rule needs to look at by {@code now}, skipping incidents other
     * instances (or mutations) hold, so instances share the sweep without doing anything twice.
     */
    public Mono<Incident> lockNextDue(Instant now) {
        return db.sql("""
                        SELECT * FROM incident WHERE next_due_at <= :now
                        ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .bind("now", now)
                .map(this::map)
                .one();
    }

    /** How many incidents some rule should have looked at by {@code now}: the timers' backlog. */
    public Mono<Long> countDue(Instant now) {
        return db.sql("SELECT count(*) AS n FROM incident WHERE next_due_at <= :now")
                .bind("now", now)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** An incident of a page, with its commander when the page was read with them (null when it has none). */
    record Paged(Incident incident, Responder commander) {
    }

    /**
     * A page of incidents, newest first. {@code withCommanders} reads each incident's commander in
     * the same statement, for a board that shows them: one statement fewer than loading them after.
     */
    Mono<List<Paged>> page(IncidentFilter filter, PageRequest page, boolean withCommanders) {
        Where where = Where.of(filter);
        if (page.after() != null) {
            where.add("incident.id < :after", "after", page.after());
        }
        String from = withCommanders
                ? "SELECT incident.*, " + COMMANDER.selectFrom("commander")
                        + " FROM incident LEFT JOIN responder commander ON commander.id = incident.commander_id"
                : "SELECT * FROM incident";
        return db.sql(from + where.sql() + " ORDER BY incident.id DESC LIMIT :limit")
                .bindValues(where.binds())
                .bind("limit", page.fetchSize())
                .map(row -> new Paged(map(row), withCommanders ? ResponderRepository.read(row, COMMANDER) : null))
                .all()
                .collectList();
    }

    Mono<Long> count(IncidentFilter filter) {
        Where where = Where.of(filter);
        return db.sql("SELECT count(*) AS n FROM incident" + where.sql())
                .bindValues(where.binds())
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** A WHERE clause built from a filter, with its parameters; columns name their table, as a join needs. */
    private record Where(List<String> conditions, Map<String, Object> binds) {

        static Where of(IncidentFilter filter) {
            Where where = new Where(new ArrayList<>(), new LinkedHashMap<>());
            if (filter == null) {
                return where;
            }
            if (filter.active() != null) {
                where.conditions.add(filter.active() ? "incident.status <> 'RESOLVED'" : "incident.status = 'RESOLVED'");
            }
            if (filter.statuses() != null) {
                where.add("incident.status = ANY(:statuses)", "statuses",
                        filter.statuses().stream().map(Enum::name).toArray(String[]::new));
            }
            if (filter.severities() != null) {
                where.add("incident.severity = ANY(:severities)", "severities",
                        filter.severities().stream().map(Enum::name).toArray(String[]::new));
            }
            if (filter.source() != null) {
                where.add("incident.source = :source", "source", filter.source().name());
            }
            if (filter.externalRef() != null) {
                where.add("incident.external_ref = :externalRef", "externalRef", filter.externalRef());
            }
            return where;
        }

        void add(String condition, String name, Object value) {
            conditions.add(condition);
            binds.put(name, value);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    Incident map(Readable row) {
        return new Incident(
                row.get("id", Long.class),
                row.get("key", String.class),
                new Incident.Declaration(
                        row.get("title", String.class),
                        IncidentSource.valueOf(row.get("source", String.class)),
                        row.get("external_ref", String.class),
                        row.get("call_url", String.class),
                        row.get("declared_by_id", Long.class),
                        row.get("alert_url", String.class)),
                new Incident.Standing(
                        Severity.valueOf(row.get("severity", String.class)),
                        IncidentStatus.valueOf(row.get("status", String.class)),
                        impacts.get(row.get("impact", Json.class).asString()),
                        row.get("commander_id", Long.class)),
                new Incident.Milestones(
                        row.get("detected_at", Instant.class),
                        row.get("declared_at", Instant.class),
                        row.get("acknowledged_at", Instant.class),
                        row.get("mitigated_at", Instant.class),
                        row.get("resolved_at", Instant.class)),
                new Incident.Watch(
                        row.get("idle_since", Instant.class),
                        row.get("stalled_since", Instant.class),
                        row.get("last_check_in_at", Instant.class),
                        row.get("check_in_missed_at", Instant.class),
                        row.get("monitoring_until", Instant.class),
                        Boolean.TRUE.equals(row.get("monitoring_ended", Boolean.class)),
                        row.get("next_due_at", Instant.class)),
                row.get("last_sequence", Integer.class),
                row.get("updated_at", Instant.class));
    }
}
