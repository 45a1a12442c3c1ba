package dev.incidentcommand.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** How to reach one PostgreSQL database, convertible to the JDBC and R2DBC forms. */
public record PostgresLocation(String host, int port, String database, String username, String password) {

    /**
     * Reads {@code postgresql://[user[:password]@]host[:port]/database}, also with a {@code jdbc:} or
     * {@code r2dbc:} prefix. Explicit {@code username}/{@code password} win over those in the url.
     */
    public static PostgresLocation parse(String url, String username, String password) {
        String plain = url.trim().replaceFirst("^(jdbc:|r2dbc:)", "");
        URI uri = URI.create(plain);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "Database url must look like postgresql://host:5432/database, got: " + url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isEmpty()) {
            throw new IllegalArgumentException(
                    "Database url needs a host and a database name, e.g. postgresql://127.0.0.1:5432/incidents, got: " + url);
        }
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = decode(parts[0]);
            urlPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new PostgresLocation(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432,
                path,
                firstNonBlank(username, urlUser, System.getProperty("user.name")),
                firstNonBlank(password, urlPassword, null));
    }

    public PostgresLocation withDatabase(String otherDatabase) {
        return new PostgresLocation(host, port, otherDatabase, username, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** For logs: everything but the password. */
    public String describe() {
        return username + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        if (b != null && !b.isBlank()) {
            return b;
        }
        return fallback;
    }
}
