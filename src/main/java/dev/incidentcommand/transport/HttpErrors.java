package dev.incidentcommand.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Answers a request before GraphQL runs, in the shape of a GraphQL response so every client shows the message. */
final class HttpErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpErrors() {
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String message, Map<String, Object> extensions) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))))
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
