package dev.incidentcommand.security;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.people.Role;
import dev.incidentcommand.people.SystemActor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Single sign-on: JWTs from the organisation's identity provider, when one is configured. The
 * signature, expiry, issuer and audience are checked; the responder handle comes from one claim
 * ({@code preferred_username} by default) and the role from another, or from the user's groups.
 */
@Component
class JwtCallers {

    private final SecurityProperties.Jwt settings;
    private final ReactiveJwtDecoder decoder;

    JwtCallers(SecurityProperties properties) {
        this.settings = properties.jwt();
        this.decoder = settings.configured() ? decoder(settings) : null;
    }

    boolean configured() {
        return decoder != null;
    }

    Mono<Caller> authenticate(String token) {
        if (decoder == null) {
            return Mono.error(new Unauthenticated("This server accepts its own API tokens only (they start with '"
                    + ApiTokens.PREFIX + "'); single sign-on is not configured."));
        }
        return decoder.decode(token)
                .onErrorMap(JwtException.class, error -> new Unauthenticated("The JWT was not accepted: " + error.getMessage()))
                .map(this::caller);
    }

    private Caller caller(Jwt jwt) {
        String raw = jwt.getClaimAsString(settings.handleClaim());
        if (raw == null || raw.isBlank()) {
            throw new Unauthenticated("The JWT has no '" + settings.handleClaim() + "' claim to name the responder.");
        }
        String handle = Inputs.normalizeHandle(raw);
        if (!Inputs.isHandle(handle)) {
            throw new Unauthenticated("The JWT's '" + settings.handleClaim() + "' (" + raw + ") is not a responder handle: "
                    + "up to 40 letters, digits, '.', '_' or '-'.");
        }
        if (SystemActor.HANDLE.equals(handle)) {
            throw new Unauthenticated("'" + SystemActor.HANDLE + "' is the server's own name; no one may sign in as it.");
        }
        Role role = role(jwt).orElseThrow(() -> new Unauthenticated("The JWT gives no role: set the '" + settings.roleClaim()
                + "' claim (VIEWER, INTEGRATION, RESPONDER or ADMIN) or map one of its '" + settings.groupsClaim() + "' to a role."));
        return new Caller(handle, role, null, jwt.getExpiresAt());
    }

    /** The highest role the token names directly or through its groups. */
    private Optional<Role> role(Jwt jwt) {
        List<Role> roles = new ArrayList<>();
        for (String name : strings(jwt.getClaim(settings.roleClaim()))) {
            try {
                roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                // Roles of other applications in the same token are none of ours.
            }
        }
        for (String group : strings(jwt.getClaim(settings.groupsClaim()))) {
            Role mapped = settings.groupRoles().get(group);
            if (mapped != null) {
                roles.add(mapped);
            }
        }
        return roles.stream().max(Comparator.naturalOrder());
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof String text) {
            return List.of(text);
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static ReactiveJwtDecoder decoder(SecurityProperties.Jwt settings) {
        NimbusReactiveJwtDecoder decoder;
        if (SecurityProperties.Jwt.present(settings.publicKey())) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(rsaKey(settings.publicKey())).build();
        } else if (SecurityProperties.Jwt.present(settings.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        } else {
            return ReactiveJwtDecoders.fromIssuerLocation(settings.issuer());
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(SecurityProperties.Jwt.present(settings.issuer())
                ? JwtValidators.createDefaultWithIssuer(settings.issuer()) : JwtValidators.createDefault());
        if (SecurityProperties.Jwt.present(settings.audience())) {
            validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(settings.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey rsaKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("incident-command.security.jwt.public-key is not an RSA public key in PEM form", e);
        }
    }
}
