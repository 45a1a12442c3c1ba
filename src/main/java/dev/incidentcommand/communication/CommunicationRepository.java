package dev.incidentcommand.communication;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Stakeholder updates and notes. */
@Repository
class CommunicationRepository {

    private final DatabaseClient db;

    CommunicationRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<StakeholderUpdate> insertUpdate(long incidentId, Audience audience, String body, long authorId, Instant at) {
        return db.sql("""
                        INSERT INTO stakeholder_update (incident_id, audience, body, author_id, posted_at)
                        VALUES (:incident, :audience, :body, :author, :at) RETURNING *""")
                .bind("incident", incidentId)
                .bind("audience", audience.name())
                .bind("body", body)
                .bind("author", authorId)
                .bind("at", at)
                .map(CommunicationRepository::mapUpdate)
                .one();
    }

    Mono<Note> insertNote(long incidentId, NoteKind kind, String body, String url, long authorId, Instant at) {
        return db.sql("""
                        INSERT INTO note (incident_id, kind, body, url, author_id, added_at)
                        VALUES (:incident, :kind, :body, :url, :author, :at) RETURNING *""")
                .bind("incident", incidentId)
                .bind("kind", kind.name())
                .bind("body", body)
                .bind("url", Parameter.fromOrEmpty(url, String.class))
                .bind("author", authorId)
                .bind("at", at)
                .map(CommunicationRepository::mapNote)
                .one();
    }

    Mono<StakeholderUpdate> findUpdate(long id) {
        return db.sql("SELECT * FROM stakeholder_update WHERE id = :id").bind("id", id)
                .map(CommunicationRepository::mapUpdate).one();
    }

    Mono<Note> findNote(long id) {
        return db.sql("SELECT * FROM note WHERE id = :id").bind("id", id).map(CommunicationRepository::mapNote).one();
    }

    Mono<List<StakeholderUpdate>> updatesOf(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM stakeholder_update WHERE incident_id = ANY(:ids) ORDER BY id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(CommunicationRepository::mapUpdate)
                .all()
                .collectList();
    }

    Mono<List<Note>> notesOf(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM note WHERE incident_id = ANY(:ids) ORDER BY id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(CommunicationRepository::mapNote)
                .all()
                .collectList();
    }

    static StakeholderUpdate mapUpdate(Readable row) {
        return new StakeholderUpdate(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                Audience.valueOf(row.get("audience", String.class)),
                row.get("body", String.class),
                row.get("author_id", Long.class),
                row.get("posted_at", Instant.class));
    }

    static Note mapNote(Readable row) {
        return new Note(
                row.get("id", Long.class),
                row.get("incident_id", Long.class),
                NoteKind.valueOf(row.get("kind", String.class)),
                row.get("body", String.class),
                row.get("url", String.class),
                row.get("author_id", Long.class),
                row.get("added_at", Instant.class));
    }
}
