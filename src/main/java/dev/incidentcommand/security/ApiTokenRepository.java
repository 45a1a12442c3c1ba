package dev.incidentcommand.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.incidentcommand.people.Role;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The api_token and token_audit tables. */
@Repository
class ApiTokenRepository {

    /** A token with its owner's handle, as authentication needs it. */
    record Owned(ApiToken token, String handle) {
    }

    /** One line of the audit: who did what to which token, when. */
    record AuditEntry(long id, long tokenId, String action, long actorId, Instant at) {
    }

    private final DatabaseClient db;

    ApiTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ApiToken> insert(String name, String secretHash, String prefix, long responderId, Role role, Instant now,
                          Long createdById, Instant expiresAt) {
        return db.sql("""
                        INSERT INTO api_token (name, secret_hash, prefix, responder_id, role, created_at, created_by_id, expires_at)
                        VALUES (:name, :hash, :prefix, :responder, :role, :now, :createdBy, :expiresAt) RETURNING *""")
                .bind("name", name)
                .bind("hash", secretHash)
                .bind("prefix", prefix)
                .bind("responder", responderId)
                .bind("role", role.name())
                .bind("now", now)
                .bind("createdBy", Parameter.fromOrEmpty(createdById, Long.class))
                .bind("expiresAt", Parameter.fromOrEmpty(expiresAt, Instant.class))
                .map(ApiTokenRepository::map)
                .one();
    }

    Mono<Void> audit(long tokenId, String action, long actorId, Instant at) {
        return db.sql("INSERT INTO token_audit (token_id, action, actor_id, at) VALUES (:token, :action, :actor, :at)")
                .bind("token", tokenId)
                .bind("action", action)
                .bind("actor", actorId)
                .bind("at", at)
                .then();
    }

    Mono<Owned> findBySecretHash(String hash) {
        return db.sql("SELECT t.*, r.handle FROM api_token t JOIN responder r ON r.id = t.responder_id WHERE t.secret_hash = :hash")
                .bind("hash", hash)
                .map(row -> new Owned(map(row), row.get("handle", String.class)))
                .one();
    }

    /** The token, locked for the rest of the transaction. */
    Mono<ApiToken> lock(long id) {
        return db.sql("SELECT * FROM api_token WHERE id = :id FOR UPDATE").bind("id", id).map(ApiTokenRepository::map).one();
    }

    Mono<Void> revoke(long id, long byId, Instant at) {
        return db.sql("UPDATE api_token SET revoked_at = :at, revoked_by_id = :by WHERE id = :id")
                .bind("id", id).bind("by", byId).bind("at", at).then();
    }

    Mono<Void> used(long id, Instant at) {
        return db.sql("UPDATE api_token SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
                .bind("id", id).bind("at", at).then();
    }

    Mono<List<ApiToken>> all(boolean includeRevoked) {
        return db.sql("SELECT * FROM api_token" + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY id DESC")
                .map(ApiTokenRepository::map).all().collectList();
    }

    Mono<List<ApiToken>> findByIds(Collection<Long> ids) {
        return db.sql("SELECT * FROM api_token WHERE id = ANY(:ids)")
                .bind("ids", ids.stream().distinct().toArray(Long[]::new))
                .map(ApiTokenRepository::map).all().collectList();
    }

    /** Whether any token that still works exists. */
    Mono<Boolean> anyUsable(Instant now) {
        return db.sql("SELECT 1 FROM api_token WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now) LIMIT 1")
                .bind("now", now).map(row -> true).one().hasElement();
    }

    /** Serializes first-run setup among instances starting at once on one database. */
    Mono<Void> lockSetup() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('incident-command:first-run'))").then();
    }

    Mono<List<AuditEntry>> auditLog(int first) {
        return db.sql("SELECT * FROM token_audit ORDER BY at DESC, id DESC LIMIT :first")
                .bind("first", first)
                .map(row -> new AuditEntry(row.get("id", Long.class), row.get("token_id", Long.class),
                        row.get("action", String.class), row.get("actor_id", Long.class), row.get("at", Instant.class)))
                .all().collectList();
    }

    private static ApiToken map(Readable row) {
        return new ApiToken(
                row.get("id", Long.class),
                row.get("name", String.class),
                row.get("prefix", String.class),
                row.get("responder_id", Long.class),
                Role.valueOf(row.get("role", String.class)),
                row.get("created_at", Instant.class),
                row.get("created_by_id", Long.class),
                row.get("expires_at", Instant.class),
                row.get("last_used_at", Instant.class),
                row.get("revoked_at", Instant.class),
                row.get("revoked_by_id", Long.class));
    }
}
