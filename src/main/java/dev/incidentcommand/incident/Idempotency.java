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
        return db.sql("""
                        INSERT INTO idempotency_key (principal, mutation, key, request_hash, created_at)
                        VALUES (:principal, :mutation, :key, :hash, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING key""")
                .bind("principal", request.actor())
                .bind("mutation", request.name())
                .bind("key", request.idempotencyKey())
                .bind("hash", request.fingerprint())
                .bind("now", clock.instant())
                .map(row -> true)
                .one()
                .hasElement()
                .flatMap(claimed -> claimed ? Mono.empty() : earlier(request));
    }

    private Mono<Receipt> earlier(Mutation<?> request) {
        return db.sql("""
                        SELECT request_hash, receipt FROM idempotency_key
                        WHERE principal = :principal AND mutation = :mutation AND key = :key""")
                .bind("principal", request.actor())
                .bind("mutation", request.name())
                .bind("key", request.idempotencyKey())
                .map(row -> {
                    if (!request.fingerprint().equals(row.get("request_hash", String.class))) {
                        throw new Refusal(List.of(UserError.onInput("idempotencyKey", UserErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This idempotency key was already used for a different " + request.name()
                                        + " request; use a new key for a new request.")));
                    }
                    return json.readValue(row.get("receipt", String.class), Receipt.class);
                })
                .one();
    }

    Mono<Void> remember(Mutation<?> request, Receipt receipt) {
        if (request.idempotencyKey() == null) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE idempotency_key SET receipt = :receipt
                        WHERE principal = :principal AND mutation = :mutation AND key = :key""")
                .bind("principal", request.actor())
                .bind("mutation", request.name())
                .bind("key", request.idempotencyKey())
                .bind("receipt", Json.of(json.writeValueAsString(receipt)))
                .then();
    }
}
