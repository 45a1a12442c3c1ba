package dev.incidentcommand.people;

import java.time.Instant;

import dev.incidentcommand.common.Ids;

/** A person who can be paged. Created the first time their handle is used. */
public record Responder(long id, String handle, String name, Instant createdAt) implements Ids.Row {
}
