package dev.incidentcommand.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.people.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the server.
 *
 * @param bootstrapToken   an ADMIN token secret the server accepts from its first start, for automation and CI
 * @param adminTokenFile   where the first run writes the admin token it creates when no token exists
 * @param allowedOrigins   browser origins allowed to call from other sites (CORS); none by default
 * @param tokenCheckEvery  how often open WebSockets are checked for revoked or expired credentials
 * @param jwt              single sign-on: JWTs from the organisation's identity provider
 */
@ConfigurationProperties("incident-command.security")
public record SecurityProperties(
        String bootstrapToken,
        @DefaultValue(".incident-command/admin-token") Path adminTokenFile,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("2s") Duration tokenCheckEvery,
        @DefaultValue Jwt jwt) {

    /**
     * @param issuer       the expected {@code iss}; with neither a JWK set nor a key, also where keys are discovered
     * @param jwkSetUri    where the identity provider publishes its signing keys
     * @param publicKey    an RSA public key (PEM) that signs the tokens, instead of a JWK set
     * @param audience     the expected {@code aud}, when set
     * @param handleClaim  the claim holding the responder handle
     * @param roleClaim    the claim holding the role (a name or a list; the highest known counts)
     * @param groupsClaim  the claim holding the user's groups, mapped to roles by {@code groupRoles}
     * @param groupRoles   role per group name
     */
    public record Jwt(
            String issuer,
            String jwkSetUri,
            String publicKey,
            String audience,
            @DefaultValue("preferred_username") String handleClaim,
            @DefaultValue("roles") String roleClaim,
            @DefaultValue("groups") String groupsClaim,
            @DefaultValue Map<String, Role> groupRoles) {

        boolean configured() {
            return present(issuer) || present(jwkSetUri) || present(publicKey);
        }

        static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }
}
