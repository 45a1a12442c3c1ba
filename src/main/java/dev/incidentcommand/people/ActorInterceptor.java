package dev.incidentcommand.people;

import java.util.Map;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the acting responder into the GraphQL context: from the {@code X-Actor} header over HTTP,
 * and over WebSocket (where browsers cannot set headers) from the same key in the
 * {@code connection_init} payload, remembered for the connection.
 */
@Component
class ActorInterceptor implements WebSocketGraphQlInterceptor {

    private static final String SESSION_ATTRIBUTE = Actor.CONTEXT_KEY;

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        if (payload.get(Actor.HEADER) instanceof String handle) {
            session.getAttributes().put(SESSION_ATTRIBUTE, handle);
        }
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String raw = request.getHeaders().getFirst(Actor.HEADER);
        if (raw == null && request instanceof WebSocketGraphQlRequest socket) {
            raw = (String) socket.getSessionInfo().getAttributes().get(SESSION_ATTRIBUTE);
        }
        Actor actor = Actor.of(raw);
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(Actor.CONTEXT_KEY, actor)).build());
        return chain.next(request);
    }
}
