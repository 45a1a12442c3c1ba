package dev.incidentcommand.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries, the protocol Apollo Client and urql speak (and, on the way, a 400
 * for a 'query' or 'operationName' that is not text): a client first sends
 * only the SHA-256 of its document ({@code extensions.persistedQuery.sha256Hash}); if this
 * instance does not know it, the answer is {@code PersistedQueryNotFound} and the client sends the
 * document once with its hash, which is checked and kept. Large documents then cross the network
 * once, and GET URLs stay short. Kept per instance, bounded: another instance simply asks again.
 */
@Component
class PersistedQueries implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CAPACITY = 10_000;
    /** A cheap first look: only bodies where 'query' or 'operationName' might not be text are parsed. */
    private static final java.util.regex.Pattern MAYBE_NOT_TEXT =
            java.util.regex.Pattern.compile("\"(query|operationName)\"\\s*:\\s*[-0-9tf{\\[]");

    private final Map<String, String> documents = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > CAPACITY;
                }
            });

    /** After the body is read and its size checked, before GraphQL sees it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !"/graphql".equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody())
                .defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
                .flatMap(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    if (MAYBE_NOT_TEXT.matcher(text).find() && !textualFields(text)) {
                        DataBufferUtils.release(buffer);
                        return HttpErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                                "'query' must be a string, and 'operationName' a string or null.", Map.of("classification", "BAD_REQUEST"));
                    }
                    if (!text.contains("persistedQuery")) {
                        return chain.filter(exchange.mutate().request(withSameBody(request, buffer)).build());
                    }
                    DataBufferUtils.release(buffer);
                    return persisted(exchange, chain, text);
                });
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> persisted(ServerWebExchange exchange, WebFilterChain chain, String text) {
        Map<String, Object> body;
        try {
            body = JSON.readValue(text, Map.class);
        } catch (JacksonException e) {
            return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), bytes(exchange, text))).build());
        }
        Object extensions = body.get("extensions");
        Object persisted = extensions instanceof Map<?, ?> map ? map.get("persistedQuery") : null;
        if (!(persisted instanceof Map<?, ?> ask) || !(ask.get("sha256Hash") instanceof String hash)) {
            return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), bytes(exchange, text))).build());
        }
        if (!Integer.valueOf(1).equals(ask.get("version"))) {
            return HttpErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "Only version 1 of automatic persisted queries is supported.", Map.of("code", "PERSISTED_QUERY_NOT_SUPPORTED"));
        }
        String key = hash.toLowerCase(java.util.Locale.ROOT);
        if (body.get("query") instanceof String query && !query.isBlank()) {
            if (!sha256(query).equals(key)) {
                return HttpErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                        "provided sha does not match query", Map.of("code", "PERSISTED_QUERY_HASH_MISMATCH"));
            }
            documents.put(key, query);
            return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), bytes(exchange, text))).build());
        }
        String known = documents.get(key);
        if (known == null) {
            // The exact message clients look for before sending the document.
            return HttpErrors.write(exchange.getResponse(), HttpStatus.OK, "PersistedQueryNotFound",
                    Map.of("code", "PERSISTED_QUERY_NOT_FOUND"));
        }
        Map<String, Object> complete = new LinkedHashMap<>(body);
        complete.put("query", known);
        return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(),
                bytes(exchange, JSON.writeValueAsString(complete)))).build());
    }

    /** Whether the request's own 'query' and 'operationName' are text, as the spec requires (not numbers or booleans). */
    @SuppressWarnings("unchecked")
    private static boolean textualFields(String text) {
        try {
            Map<String, Object> body = JSON.readValue(text, Map.class);
            Object query = body.get("query");
            Object operationName = body.get("operationName");
            return (query == null || query instanceof String) && (operationName == null || operationName instanceof String);
        } catch (JacksonException | ClassCastException e) {
            return true; // not a JSON object: the GraphQL handler says what is wrong with it
        }
    }

    private static DataBuffer bytes(ServerWebExchange exchange, String text) {
        return exchange.getResponse().bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request as it came, its body already read: the headers, length included, still hold. */
    private static ServerHttpRequest withSameBody(ServerHttpRequest request, DataBuffer body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
    }

    /** The request with another body, and the length that goes with it. */
    private static ServerHttpRequest withBody(ServerHttpRequest request, DataBuffer body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.setContentLength(body.readableByteCount());
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
