package dev.incidentcommand.transport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.security.OperationShapes;
import graphql.language.OperationDefinition.Operation;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queries by GET, as the GraphQL-over-HTTP spec has them, so caches, links and simple tools work:
 * {@code GET /graphql?query=...&variables=...&operationName=...&extensions=...}. A mutation is
 * never run by GET (405: it must not be triggered by a link or a prefetch). With
 * {@code Accept: text/event-stream} a GET subscribes over Server-Sent Events, as browsers'
 * EventSource does. The request then continues as the equivalent POST, through every check.
 */
@Component
@Order(0)
class QueriesOverGet implements WebFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OperationShapes shapes;

    QueriesOverGet(OperationShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET || !"/graphql".equals(request.getPath().value())
                || "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        MultiValueMap<String, String> params = request.getQueryParams();
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            String query = params.getFirst("query");
            if (query != null) {
                body.put("query", query);
            }
            if (params.getFirst("operationName") != null && !params.getFirst("operationName").isEmpty()) {
                body.put("operationName", params.getFirst("operationName"));
            }
            putJson(body, "variables", params.getFirst("variables"));
            putJson(body, "extensions", params.getFirst("extensions"));
        } catch (JacksonException | ClassCastException e) {
            return HttpErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "'variables' and 'extensions' must be JSON objects, URL-encoded.", Map.of("classification", "BAD_REQUEST"));
        }
        if (!body.containsKey("query") && !body.containsKey("extensions")) {
            return HttpErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "A GET request needs a 'query' parameter (or a persisted query's hash in 'extensions').",
                    Map.of("classification", "BAD_REQUEST"));
        }
        if (body.get("query") instanceof String query) {
            OperationShapes.Shape shape = shapes.of(query, (String) body.get("operationName"));
            if (shape != null && shape.operation() == Operation.MUTATION) {
                exchange.getResponse().getHeaders().setAllow(java.util.Set.of(HttpMethod.POST));
                return HttpErrors.write(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED,
                        "Mutations are sent by POST; GET only reads.", Map.of("classification", "METHOD_NOT_ALLOWED"));
            }
        }
        byte[] json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return chain.filter(exchange.mutate().request(asPost(exchange, request, json)).build());
    }

    @SuppressWarnings("unchecked")
    private static void putJson(Map<String, Object> body, String name, String text) {
        if (text != null && !text.isBlank()) {
            body.put(name, (Map<String, Object>) JSON.readValue(text, Map.class));
        }
    }

    /** The same request as a POST with a JSON body, accepting what the GET accepted. */
    private static ServerHttpRequest asPost(ServerWebExchange exchange, ServerHttpRequest request, byte[] json) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(json.length);
        List<MediaType> accept = request.getHeaders().getAccept();
        if (accept.isEmpty() || accept.stream().allMatch(MediaType::isWildcardType)) {
            headers.setAccept(List.of(MediaType.parseMediaType("application/graphql-response+json"), MediaType.APPLICATION_JSON));
        }
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpMethod getMethod() {
                return HttpMethod.POST;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(exchange.getResponse().bufferFactory().wrap(json));
            }
        };
    }
}
