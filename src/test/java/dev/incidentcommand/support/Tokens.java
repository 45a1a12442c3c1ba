package dev.incidentcommand.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Credentials for tests: an identity provider of our own (an RSA key the test server trusts, so
 * JWTs are signed locally and nothing reaches outside) and the ADMIN bootstrap token.
 */
public final class Tokens {

    public static final String ISSUER = "https://sso.incident-command.test";
    public static final String ADMIN_TOKEN = "icmd_test-bootstrap-admin-token-0123456789abcdefghijklmnop";

    private static final KeyPair TRUSTED = rsa();
    private static final KeyPair STRANGER = rsa();

    private Tokens() {
    }

    /** The public key the test server trusts, as PEM. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(TRUSTED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    /** A valid JWT for {@code handle} with {@code role}, for an hour. */
    public static String jwt(String handle, String role) {
        return jwt(claims -> claims.claim("preferred_username", handle).claim("roles", List.of(role)));
    }

    /** A JWT from the trusted issuer, valid for an hour, with whatever else {@code claims} adds or changes. */
    public static String jwt(Consumer<JWTClaimsSet.Builder> claims) {
        return sign(TRUSTED, builder -> {
            builder.issuer(ISSUER).issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
            claims.accept(builder);
        });
    }

    /** A JWT signed by a key the server does not trust. */
    public static String jwtSignedByStranger(String handle, String role) {
        return sign(STRANGER, builder -> builder.issuer(ISSUER).claim("preferred_username", handle).claim("roles", List.of(role))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
    }

    private static String sign(KeyPair key, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
