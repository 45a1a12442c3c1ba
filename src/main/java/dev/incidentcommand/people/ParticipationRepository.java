package dev.incidentcommand.people;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The participation table: who held which role on which incident, and when. */
@Repository
public class ParticipationRepository {

    private final DatabaseClient db;

    ParticipationRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Participation> open(long incidentId, long responderId, ParticipantRole role, Instant since) {
        return open(incidentId, responderId, role, since, null);
    }

    /** Opens a role, carrying the notes it was handed over with. */
    public Mono<Participation> open(long incidentId, long responderId, ParticipantRole role, Instant since, String notes) {
        return db.sql("""
                        INSERT INTO participation (incident_id, responder_id, role, since, handover_notes)
                        VALUES (:incident, :responder, :role, :since, :notes) RETURNING *""")
                .bind("notes", Parameter.fromOrEmpty(notes, String.class))
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .bind("role", role.name())
                .bind("since", since)
                .map(ParticipationRepository::map)
                .one();
    }

    /** Ends one role, if held. */
    public Mono<Long> end(long incidentId, long responderId, ParticipantRole role, Instant until) {
        return db.sql("""
                        UPDATE participation SET until = :until
                        WHERE incident_id = :incident AND responder_id = :responder AND role = :role AND until IS NULL""")
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .bind("role", role.name())
                .bind("until", until)
                .fetch().rowsUpdated();
    }

    /** Ends every role the responder holds on the incident. */
    public Mono<Long> endAll(long incidentId, long responderId, Instant until) {
        return db.sql("""
                        UPDATE participation SET until = :until
                        WHERE incident_id = :incident AND responder_id = :responder AND until IS NULL""")
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .bind("until", until)
                .fetch().rowsUpdated();
    }

    /** Ends every role anyone holds on the incident: a resolved incident has nobody on it. */
    public Mono<Long> endEveryone(long incidentId, Instant until) {
        return db.sql("UPDATE participation SET until = :until WHERE incident_id = :incident AND until IS NULL")
                .bind("incident", incidentId)
                .bind("until", until)
                .fetch().rowsUpdated();
    }

    /** The roles the responder holds on the incident now. */
    public Mono<List<ParticipantRole>> currentRoles(long incidentId, long responderId) {
        return db.sql("SELECT role FROM participation WHERE incident_id = :incident AND responder_id = :responder AND until IS NULL")
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .map(row -> ParticipantRole.valueOf(row.get("role", String.class)))
                .all()
                .collectList();
    }

    public Mono<Participation> find(long id) {
        return db.sql("SELECT * FROM participation WHERE id = :id").bind("id", id)
                .map(ParticipationRepository::map).one();
    }

    public Mono<List<Participation>> findByIncidents(Collection<Long> incidentIds, boolean includePast) {
        return db.sql("SELECT * FROM participation WHERE incident_id = ANY(:ids)"
                        + (includePast ? "" : " AND until IS NULL") + " ORDER BY id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(ParticipationRepository::map)
                .all()
                .collectList();
    }

    /** Every role anyone held on the incident, with their handles, in the order they were taken. */
    public Mono<List<Stint>> stints(long incidentId) {
        return db.sql("""
                        SELECT p.*, r.handle FROM participation p JOIN responder r ON r.id = p.responder_id
                        WHERE p.incident_id = :incident ORDER BY p.since, p.id""")
                .bind("incident", incidentId)
                .map(row -> new Stint(
                        row.get("responder_id", Long.class),
                        row.get("handle", String.class),
                        ParticipantRole.valueOf(row.get("role", String.class)),
                        row.get("since", Instant.class),
                        row.get("until", Instant.class)))
                .all()
                .collectList();
    }

    static Participation map(Readable row) {
        return new Participation(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                row.get("responder_id", Long.class),
                ParticipantRole.valueOf(row.get("role", String.class)),
                row.get("since", Instant.class),
                row.get("until", Instant.class),
                row.get("handover_notes", String.class));
    }
}
