package dev.incidentcommand.incident;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.common.UserErrorCode;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Safe retries. A mutation sent with a key claims it inside its transaction; a retry with the
 * same key waits for that transaction, then finds the claim and gets the first result back.
 * A refused mutation rolls back with its claim, so retrying it is judged afresh. Keys belong to
 * the principal that sent them: the same key from another caller is another key.
 */
@Component
class Idempotency {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    Idempotency(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** The earlier result for this key, or empty when this request now owns the key (or has none). */
    Mono<Receipt> replayOrClaim(Mutation<?> request) {
        if (request.idempotencyKey() == null) {
            return Mono.empty();
        }
        return replayOrClaim(request.actor(), request.name(), request.idempotencyKey(), request.fingerprint())
                .map(earlier -> json.readValue(earlier, Receipt.class));
    }

    Mono<Void> remember(Mutation<?> request, Receipt receipt) {
        if (request.idempotencyKey() == null) {
            return Mono.empty();
        }
        return remember(request.actor(), request.name(), request.idempotencyKey(), json.writeValueAsString(receipt));
    }

    /**
     * The same for any request, a webhook delivery included: {@code what} names the kind of request,
     * {@code fingerprint} its content. Emits the earlier result (JSON) or nothing when now claimed.
     */
    Mono<String> replayOrClaim(String principal, String what, String key, String fingerprint) {
        return db.sql("""
                        INSERT INTO idempotency_key (principal, mutation, key, request_hash, created_at)
                        VALUES (:principal, :mutation, :key, :hash, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING key""")
                .bind("principal", principal)
                .bind("mutation", what)
                .bind("key", key)
                .bind("hash", fingerprint)
                .bind("now", clock.instant())
                .map(row -> true)
                .one()
                .hasElement()
                .flatMap(claimed -> claimed ? Mono.empty() : earlier(principal, what, key, fingerprint));
    }

    private Mono<String> earlier(String principal, String what, String key, String fingerprint) {
        return db.sql("""
                        SELECT request_hash, receipt FROM idempotency_key
                        WHERE principal = :principal AND mutation = :mutation AND key = :key""")
                .bind("principal", principal)
                .bind("mutation", what)
                .bind("key", key)
                .map(row -> {
                    if (!fingerprint.equals(row.get("request_hash", String.class))) {
                        throw new Refusal(List.of(UserError.onInput("idempotencyKey", UserErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This idempotency key was already used for a different " + what
                                        + " request; use a new key for a new request.")));
                    }
                    Json receipt = row.get("receipt", Json.class);
                    return receipt == null ? null : receipt.asString();
                })
                .one();
    }

    Mono<Void> remember(String principal, String what, String key, String resultJson) {
        return db.sql("""
                        UPDATE idempotency_key SET receipt = :receipt
                        WHERE principal = :principal AND mutation = :mutation AND key = :key""")
                .bind("principal", principal)
                .bind("mutation", what)
                .bind("key", key)
                .bind("receipt", Json.of(resultJson))
                .then();
    }
}
