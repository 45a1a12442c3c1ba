package dev.incidentcommand.security;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer credential into a {@link Caller}: the server's own API tokens by their prefix,
 * anything else as a JWT from the identity provider. Used for HTTP requests and for the
 * {@code connection_init} of WebSockets alike.
 */
@Component
class BearerAuthentication implements ReactiveAuthenticationManager {

    private final ApiTokens apiTokens;
    private final JwtCallers jwts;

    BearerAuthentication(ApiTokens apiTokens, JwtCallers jwts) {
        this.apiTokens = apiTokens;
        this.jwts = jwts;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        return caller(bearer.getToken()).map(CallerAuthentication::new);
    }

    Mono<Caller> caller(String token) {
        return ApiTokens.looksLikeApiToken(token) ? apiTokens.authenticate(token) : jwts.authenticate(token);
    }
}
