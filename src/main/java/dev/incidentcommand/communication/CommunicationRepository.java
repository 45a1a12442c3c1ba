package dev.incidentcommand.communication;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.incidentcommand.database.RowIds;
import dev.incidentcommand.database.RowInsert;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Stakeholder updates and notes. */
@Repository
class CommunicationRepository {

    private final DatabaseClient db;
    private final RowIds ids;

    CommunicationRepository(DatabaseClient db, RowIds ids) {
        this.db = db;
        this.ids = ids;
    }

    /** A new update, its id taken ahead: the unit of work writes it with its event ({@link #row(StakeholderUpdate)}). */
    Mono<StakeholderUpdate> newUpdate(long incidentId, Audience audience, String body, long authorId, Instant at) {
        return ids.next("stakeholder_update").map(id -> new StakeholderUpdate(id, incidentId, audience, body, authorId, at));
    }

    /** A new note, its id taken ahead: the unit of work writes it with its event ({@link #row(Note)}). */
    Mono<Note> newNote(long incidentId, NoteKind kind, String body, String url, long authorId, Instant at) {
        return ids.next("note").map(id -> new Note(id, incidentId, kind, body, url, authorId, at));
    }

    static RowInsert row(StakeholderUpdate update) {
        return RowInsert.into("stakeholder_update")
                .value("id", update.id())
                .value("incident_id", update.incidentId())
                .value("audience", update.audience().name())
                .value("body", update.body())
                .value("author_id", update.authorId())
                .value("posted_at", update.postedAt())
                .build();
    }

    static RowInsert row(Note note) {
        return RowInsert.into("note")
                .value("id", note.id())
                .value("incident_id", note.incidentId())
                .value("kind", note.kind().name())
                .value("body", note.body())
                .value("url", note.url(), String.class)
                .value("author_id", note.authorId())
                .value("added_at", note.addedAt())
                .build();
    }

    Mono<StakeholderUpdate> findUpdate(long id) {
        return db.sql("SELECT * FROM stakeholder_update WHERE id = :id").bind("id", id)
                .map(CommunicationRepository::mapUpdate).one();
    }

    Mono<Note> findNote(long id) {
        return db.sql("SELECT * FROM note WHERE id = :id").bind("id", id).map(CommunicationRepository::mapNote).one();
    }

    Mono<List<StakeholderUpdate>> updatesOf(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM stakeholder_update WHERE incident_id = ANY(:ids) ORDER BY posted_at, id")
                .bind("ids", incidentIds.stream().distinct().toArray(Long[]::new))
                .map(CommunicationRepository::mapUpdate)
                .all()
                .collectList();
    }

    Mono<List<Note>> notesOf(Collection<Long> incidentIds) {
        return db.sql("SELECT * FROM note WHERE incident_id = ANY(:ids) ORDER BY added_at, id")
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
