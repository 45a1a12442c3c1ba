package dev.incidentcommand.communication;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

public record Note(long id, long incidentId, NoteKind kind, String body, String url, long authorId, Instant addedAt) implements Ids.Row {
}
