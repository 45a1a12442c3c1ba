package dev.incidentcommand.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.incidentcommand.live.ClosingWebSocketHandler;
import dev.incidentcommand.people.Actor;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

/**
 * Names the caller of every GraphQL request and holds it to its role. Over HTTP the caller was
 * authenticated by Spring Security from the {@code Authorization} header; over WebSocket, where
 * browsers cannot set headers, from the same header in the {@code connection_init} payload,
 * remembered for the connection. A role that may not run an operation gets 403 over HTTP and
 * an error for that operation over WebSocket; nothing runs.
 */
@Component
@Order(0)
public class CallerInterceptor implements WebSocketGraphQlInterceptor {

    static final String SESSION_CALLER = "incidentCommand.caller";
    /** WebSocket close codes of the graphql-transport-ws protocol. */
    static final int UNAUTHORIZED = 4401;
    static final int FORBIDDEN = 4403;

    private final BearerAuthentication bearer;
    private final OperationShapes shapes;
    /** Looked up when needed: the WebSocket handler is built from the interceptors, this one included. */
    private final ObjectProvider<ClosingWebSocketHandler> sockets;

    CallerInterceptor(BearerAuthentication bearer, OperationShapes shapes, ObjectProvider<ClosingWebSocketHandler> sockets) {
        this.bearer = bearer;
        this.shapes = shapes;
        this.sockets = sockets;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {

        String token = bearerToken(payload);
        if (token == null) {
            return refuse(session, UNAUTHORIZED, "Send {\"Authorization\": \"Bearer <token>\"} in connection_init.");
        }
        return bearer.caller(token)
                .flatMap(caller -> {
                    String refusal = Access.connectionRefusal(caller.role());
                    if (refusal != null) {
                        return refuse(session, FORBIDDEN, refusal);
                    }
                    session.getAttributes().put(SESSION_CALLER, caller);
                    return Mono.empty();
                })
                .onErrorResume(Unauthenticated.class, error -> refuse(session, UNAUTHORIZED, error.getMessage()));
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return caller(request).flatMap(caller -> {
            OperationShapes.Shape shape = shapes.of(request.getDocument(), request.getOperationName());
            String refusal = shape == null ? null : Access.refusal(caller.role(), shape.operation(), shape.rootFields());
            if (refusal != null) {
                if (request instanceof WebSocketGraphQlRequest) {
                    return Mono.just(forbidden(request, refusal));
                }
                return Mono.error(new OperationForbidden(refusal));
            }
            request.configureExecutionInput((input, builder) -> builder
                    .graphQLContext(Map.of(Actor.CONTEXT_KEY, caller.actor(), SESSION_CALLER, caller))
                    .build());
            return chain.next(request);
        });
    }

    /** Who sent the request: over WebSocket, who signed the connection in; over HTTP, the bearer token's caller. */
    public static Mono<Caller> caller(WebGraphQlRequest request) {
        if (request instanceof WebSocketGraphQlRequest socket) {
            Object caller = socket.getSessionInfo().getAttributes().get(SESSION_CALLER);
            return caller instanceof Caller known ? Mono.just(known)
                    : Mono.error(new Unauthenticated("This connection has not signed in."));
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(CallerAuthentication.class::isInstance)
                .map(authentication -> ((CallerAuthentication) authentication).caller())
                .switchIfEmpty(Mono.error(() -> new Unauthenticated("Send Authorization: Bearer <token>.")));
    }

    /** Closes the socket with the protocol's code and a reason the client can show. */
    private <T> Mono<T> refuse(WebSocketSessionInfo session, int code, String reason) {
        sockets.getObject().close(session.getId(), new CloseStatus(code, fit(reason)));
        return Mono.error(new Unauthenticated(reason));
    }

    private static String bearerToken(Map<String, Object> payload) {
        for (Map.Entry<String, Object> entry : payload.entrySet()) {
            if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value
                    && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return value.substring(7).trim();
            }
        }
        return null;
    }

    private static WebGraphQlResponse forbidden(WebGraphQlRequest request, String message) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().errorType(ErrorType.FORBIDDEN).message(message).build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }

    /** A close reason is limited to 123 bytes. */
    static String fit(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        String cut = new String(bytes, 0, 120, StandardCharsets.UTF_8);
        return cut.substring(0, cut.length() - 1) + "…";
    }

    /** An operation the caller's role may not run. */
    static final class OperationForbidden extends RuntimeException {
        OperationForbidden(String message) {
            super(message, null, false, false);
        }
    }
}
