package dev.incidentcommand.people;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class PageRepository {

    private final DatabaseClient db;

    PageRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Page> insert(long incidentId, long responderId, long pagedById, String reason, Instant at, Instant answerBy) {
        return db.sql("""
                        INSERT INTO page (incident_id, responder_id, paged_by_id, reason, paged_at, answer_by)
                        VALUES (:incident, :responder, :pagedBy, :reason, :at, :answerBy) RETURNING *""")
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .bind("pagedBy", pagedById)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("at", at)
                .bind("answerBy", answerBy)
                .map(PageRepository::map)
                .one();
    }

    /** Marks the responder's unanswered pages for the incident as answered. */
    public Mono<Long> answer(long incidentId, long responderId, Instant at) {
        return db.sql("""
                        UPDATE page SET answered_at = :at
                        WHERE incident_id = :incident AND responder_id = :responder AND answered_at IS NULL""")
                .bind("incident", incidentId)
                .bind("responder", responderId)
                .bind("at", at)
                .fetch().rowsUpdated();
    }

    /** Remembers that these pages were recorded as unanswered, so that each is recorded once. */
    public Mono<Void> reportedUnanswered(List<Long> pageIds, Instant at) {
        if (pageIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE page SET unanswered_reported_at = :at WHERE id = ANY(:ids)")
                .bind("at", at)
                .bind("ids", pageIds.toArray(Long[]::new))
                .then();
    }

    public Mono<Page> find(long id) {
        return db.sql("SELECT * FROM page WHERE id = :id").bind("id", id).map(PageRepository::map).one();
    }

    public Mono<List<Page>> findByIncidents(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM page WHERE incident_id = ANY(:ids) ORDER BY id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(PageRepository::map)
                .all()
                .collectList();
    }

    static Page map(Readable row) {
        return new Page(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                row.get("responder_id", Long.class),
                row.get("paged_by_id", Long.class),
                row.get("reason", String.class),
                row.get("paged_at", Instant.class),
                row.get("answered_at", Instant.class),
                row.get("answer_by", Instant.class),
                row.get("unanswered_reported_at", Instant.class));
    }
}
