package dev.incidentcommand.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.BadRequest;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.people.Role;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Who is signed in, and the API tokens ADMINs issue and revoke. */
@Controller
class ApiTokenController {

    record Viewer(String handle, Role role, Instant expiresAt) {
    }

    record CreateApiTokenInput(String name, String responder, Role role, Instant expiresAt) {
    }

    record CreateApiTokenPayload(ApiToken token, String secret, List<UserError> userErrors) {
    }

    record RevokeApiTokenInput(String tokenId) {
    }

    record RevokeApiTokenPayload(ApiToken token, List<UserError> userErrors) {
    }

    record TokenAuditEntry(Instant at, String action, long tokenId, long actorId) {
    }

    private final ApiTokens tokens;
    private final ResponderRepository responders;
    private final ResponderBatches batches;

    ApiTokenController(ApiTokens tokens, ResponderRepository responders, ResponderBatches batches) {
        this.tokens = tokens;
        this.responders = responders;
        this.batches = batches;
    }

    @QueryMapping
    Viewer viewer(@ContextValue(CallerInterceptor.SESSION_CALLER) Caller caller) {
        return new Viewer(caller.handle(), caller.role(), caller.expiresAt());
    }

    @SchemaMapping(typeName = "Viewer")
    Mono<Responder> responder(Viewer viewer) {
        return responders.findByHandle(viewer.handle());
    }

    @QueryMapping
    Mono<List<ApiToken>> apiTokens(@Argument Boolean includeRevoked) {
        return tokens.all(Boolean.TRUE.equals(includeRevoked));
    }

    @QueryMapping
    Mono<List<TokenAuditEntry>> tokenAudit(@Argument Integer first) {
        int count = first == null ? 50 : first;
        if (count < 1 || count > 100) {
            throw new BadRequest("'first' must be between 1 and 100.");
        }
        return tokens.audit(count).map(entries -> entries.stream()
                .map(entry -> new TokenAuditEntry(entry.at(), entry.action(), entry.tokenId(), entry.actorId())).toList());
    }

    @MutationMapping
    Mono<CreateApiTokenPayload> createApiToken(@Argument CreateApiTokenInput input,
                                               @ContextValue(CallerInterceptor.SESSION_CALLER) Caller caller) {
        return tokens.create(caller.handle(), input.name(), input.responder(), input.role(), input.expiresAt())
                .map(created -> new CreateApiTokenPayload(created.token(), created.secret(), List.of()))
                .onErrorResume(Refusal.class, refusal -> Mono.just(new CreateApiTokenPayload(null, null, refusal.errors())));
    }

    @MutationMapping
    Mono<RevokeApiTokenPayload> revokeApiToken(@Argument RevokeApiTokenInput input,
                                               @ContextValue(CallerInterceptor.SESSION_CALLER) Caller caller) {
        return Mono.defer(() -> {
            long id = Ids.decode(Ids.Type.ApiToken, input.tokenId()).orElseThrow(() -> Refusal.onInput("tokenId",
                    UserErrorCode.TOKEN_NOT_FOUND, "'" + input.tokenId() + "' is not an API token id."));
            return tokens.revoke(caller.handle(), id);
        })
                .map(token -> new RevokeApiTokenPayload(token, List.of()))
                .onErrorResume(Refusal.class, refusal -> Mono.just(new RevokeApiTokenPayload(null, refusal.errors())));
    }

    @BatchMapping(typeName = "ApiToken")
    Mono<Map<ApiToken, Responder>> owner(List<ApiToken> list) {
        return batches.of(list, ApiToken::responderId);
    }

    @BatchMapping(typeName = "ApiToken")
    Mono<Map<ApiToken, Responder>> createdBy(List<ApiToken> list) {
        return batches.of(list.stream().filter(token -> token.createdById() != null).toList(), ApiToken::createdById);
    }

    @BatchMapping(typeName = "ApiToken")
    Mono<Map<ApiToken, Responder>> revokedBy(List<ApiToken> list) {
        return batches.of(list.stream().filter(token -> token.revokedById() != null).toList(), ApiToken::revokedById);
    }

    @BatchMapping(typeName = "TokenAuditEntry")
    Mono<Map<TokenAuditEntry, ApiToken>> token(List<TokenAuditEntry> entries) {
        return tokens.byIds(entries.stream().map(TokenAuditEntry::tokenId).toList()).map(byId -> {
            Map<TokenAuditEntry, ApiToken> result = new java.util.LinkedHashMap<>();
            entries.forEach(entry -> result.put(entry, byId.get(entry.tokenId())));
            return result;
        });
    }

    @BatchMapping(typeName = "TokenAuditEntry")
    Mono<Map<TokenAuditEntry, Responder>> actor(List<TokenAuditEntry> entries) {
        return batches.of(entries, TokenAuditEntry::actorId);
    }
}
