package dev.incidentcommand.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.people.Role;
import dev.incidentcommand.people.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The server's own credentials. A secret is {@value #PREFIX} followed by 256 random bits; only its
 * SHA-256 is stored (a secret that random needs no slow hash). A token that authenticated is
 * remembered for a few seconds, so a busy client does not cost a lookup per request; revoking
 * on this instance forgets it at once, and the WebSocket guard ends sessions on every instance.
 */
@Component
class ApiTokens {

    static final String PREFIX = "icmd_";
    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final Duration REMEMBER = Duration.ofSeconds(5);
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    /** The secret, shown once, and the token it belongs to. */
    record Created(ApiToken token, String secret) {
    }

    private record Known(Caller caller, Instant checkedAt) {
    }

    private final ApiTokenRepository tokens;
    private final ResponderRepository responders;
    private final SystemActor system;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastUseRecorded = new ConcurrentHashMap<>();

    ApiTokens(ApiTokenRepository tokens, ResponderRepository responders, SystemActor system,
              ReactiveTransactionManager transactions, Clock clock) {
        this.tokens = tokens;
        this.responders = responders;
        this.system = system;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    static boolean looksLikeApiToken(String secret) {
        return secret.startsWith(PREFIX);
    }

    /** Issues a token for {@code owner} with {@code role}; created by {@code creator}. */
    Mono<Created> create(String creator, String name, String owner, Role role, Instant expiresAt) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Inputs inputs = new Inputs(now);
            String checkedName = inputs.required("name", name, Inputs.NAME);
            String handle = inputs.handle("responder", owner);
            inputs.require(!SystemActor.HANDLE.equals(handle), "responder", UserErrorCode.RESERVED_HANDLE,
                    "'" + SystemActor.HANDLE + "' is the server's own name; tokens are issued to people and tools.");
            inputs.require(expiresAt == null || expiresAt.isAfter(now), "expiresAt", UserErrorCode.INVALID_VALUE,
                    "'expiresAt' must be in the future.");
            inputs.orRefuse();
            return issue(checkedName, handle, role, expiresAt, creator, now);
        });
    }

    private Mono<Created> issue(String name, String ownerHandle, Role role, Instant expiresAt, String creatorHandle, Instant now) {
        String secret = newSecret();
        return transaction.transactional(Mono.zip(responders.ensure(ownerHandle), responders.ensure(creatorHandle))
                .flatMap(people -> tokens.insert(name, hash(secret), secret.substring(0, PREFIX.length() + 6),
                                people.getT1().id(), role, now, people.getT2().id(), expiresAt)
                        .flatMap(token -> tokens.audit(token.id(), "CREATED", people.getT2().id(), now)
                                .thenReturn(new Created(token, secret)))));
    }

    /** Revokes a token for good; its sessions end within seconds. */
    Mono<ApiToken> revoke(String revoker, long tokenId) {
        return transaction.transactional(responders.ensure(revoker).flatMap(by -> tokens.lock(tokenId)
                .switchIfEmpty(Mono.error(() -> Refusal.onInput("tokenId", UserErrorCode.TOKEN_NOT_FOUND,
                        "There is no API token with this id.")))
                .flatMap(token -> {
                    if (token.revoked()) {
                        throw Refusal.onInput("tokenId", UserErrorCode.ALREADY_REVOKED,
                                "The token \"" + token.name() + "\" was already revoked.");
                    }
                    Instant now = clock.instant();
                    return tokens.revoke(tokenId, by.id(), now)
                            .then(tokens.audit(tokenId, "REVOKED", by.id(), now))
                            .then(tokens.lock(tokenId));
                }))
                .doOnNext(revoked -> known.values().removeIf(entry -> tokenId == entry.caller().tokenId())));
    }

    /** The caller a secret belongs to, or an error saying why it is not accepted. */
    Mono<Caller> authenticate(String secret) {
        String hash = hash(secret);
        Instant now = clock.instant();
        Known remembered = known.get(hash);
        if (remembered != null && remembered.checkedAt().plus(REMEMBER).isAfter(now) && !remembered.caller().expiredAt(now)) {
            return Mono.just(remembered.caller());
        }
        return tokens.findBySecretHash(hash)
                .switchIfEmpty(Mono.error(() -> new Unauthenticated("This API token is not known; check that it was copied whole.")))
                .map(owned -> {
                    ApiToken token = owned.token();
                    if (token.revoked()) {
                        throw new Unauthenticated("This API token (\"" + token.name() + "\") was revoked; ask an admin for a new one.");
                    }
                    if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
                        throw new Unauthenticated("This API token (\"" + token.name() + "\") expired at " + token.expiresAt() + ".");
                    }
                    Caller caller = new Caller(owned.handle(), token.role(), token.id(), token.expiresAt());
                    known.put(hash, new Known(caller, now));
                    recordUse(token.id(), now);
                    return caller;
                });
    }

    /** Of the given tokens, those no longer valid, with why. */
    Mono<Map<Long, String>> invalid(Collection<Long> tokenIds) {
        if (tokenIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        Instant now = clock.instant();
        return tokens.findByIds(tokenIds).map(found -> found.stream()
                .filter(token -> token.revoked() || (token.expiresAt() != null && !now.isBefore(token.expiresAt())))
                .collect(Collectors.toMap(ApiToken::id, token -> token.revoked()
                        ? "The API token \"" + token.name() + "\" was revoked; sign in again."
                        : "The API token \"" + token.name() + "\" expired; sign in again.")));
    }

    Mono<List<ApiToken>> all(boolean includeRevoked) {
        return tokens.all(includeRevoked);
    }

    Mono<List<ApiTokenRepository.AuditEntry>> audit(int first) {
        return tokens.auditLog(first);
    }

    Mono<Map<Long, ApiToken>> byIds(Collection<Long> ids) {
        return tokens.findByIds(ids).map(found -> found.stream().collect(Collectors.toMap(ApiToken::id, t -> t)));
    }

    /**
     * Makes sure {@code secret} works as an ADMIN token owned by {@code owner}, creating it if it is new.
     * Emits the secret when a token was created, empty when it already existed.
     */
    Mono<String> ensureAdmin(String secret, String owner, String name) {
        String hash = hash(secret);
        return transaction.transactional(tokens.lockSetup()
                .then(tokens.findBySecretHash(hash).map(found -> "")
                        .switchIfEmpty(Mono.defer(() -> Mono.zip(responders.ensure(owner), system.get())
                                .flatMap(people -> tokens.insert(name, hash, secret.substring(0, Math.min(secret.length(), PREFIX.length() + 6)),
                                                people.getT1().id(), Role.ADMIN, clock.instant(), people.getT2().id(), null)
                                        .flatMap(token -> tokens.audit(token.id(), "CREATED", people.getT2().id(), clock.instant())))
                                .thenReturn(secret)))))
                .filter(created -> !created.isEmpty());
    }

    /** When no usable token exists, issues an ADMIN token for {@code owner}; emits its secret, or empty. */
    Mono<String> firstAdmin(String owner) {
        return transaction.transactional(tokens.lockSetup()
                .then(tokens.anyUsable(clock.instant()))
                .flatMap(any -> any ? Mono.<String>empty() : Mono.zip(responders.ensure(owner), system.get())
                        .flatMap(people -> {
                            String secret = newSecret();
                            Instant now = clock.instant();
                            return tokens.insert("first run", hash(secret), secret.substring(0, PREFIX.length() + 6),
                                            people.getT1().id(), Role.ADMIN, now, people.getT2().id(), null)
                                    .flatMap(token -> tokens.audit(token.id(), "CREATED", people.getT2().id(), now))
                                    .thenReturn(secret);
                        })));
    }

    private void recordUse(long tokenId, Instant now) {
        Instant last = lastUseRecorded.get(tokenId);
        if (last == null || !now.isBefore(last.plus(USE_RECORDED_EVERY))) {
            lastUseRecorded.put(tokenId, now);
            tokens.used(tokenId, now).subscribe(null, error -> log.debug("Could not record a token's use: {}", error.toString()));
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
