package dev.incidentcommand.limits;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.incidentcommand.security.Caller;
import dev.incidentcommand.security.CallerInterceptor;
import dev.incidentcommand.security.OperationShapes;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition.Operation;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every request is checked for before it runs, after its caller is known: text a database
 * cannot store, a subscription sent where no stream can be kept open, a client sending faster
 * than its share, one socket holding too many subscriptions. Queries and mutations that run too
 * long are stopped, their database work with them. Each refusal is one log line and a sentence
 * for the client: over HTTP with the fitting status, over WebSocket as that operation's error.
 */
@Component
@Order(1)
class RequestGuard implements WebGraphQlInterceptor {

    static final ErrorClassification TOO_MANY_REQUESTS = ErrorClassification.errorClassification("TOO_MANY_REQUESTS");
    static final ErrorClassification TIMEOUT = ErrorClassification.errorClassification("TIMEOUT");
    private static final String SUBSCRIPTIONS = RequestGuard.class.getName() + ".subscriptions";
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

    private final LimitsProperties limits;
    private final RateLimiter rates;
    private final OperationShapes shapes;

    RequestGuard(LimitsProperties limits, RateLimiter rates, OperationShapes shapes) {
        this.limits = limits;
        this.rates = rates;
        this.shapes = shapes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return CallerInterceptor.caller(request).flatMap(caller -> guard(request, caller, chain));
    }

    private Mono<WebGraphQlResponse> guard(WebGraphQlRequest request, Caller caller, Chain chain) {
        boolean socket = request instanceof WebSocketGraphQlRequest;
        boolean eventStream = !socket && request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
        String problem = Text.problem(request.getDocument(), request.getVariables().values());
        if (problem != null) {
            return refuse(request, HttpStatus.BAD_REQUEST, ErrorType.BAD_REQUEST, problem, null);
        }
        OperationShapes.Shape shape = shapes.of(request.getDocument(), request.getOperationName());
        Operation operation = shape == null ? null : shape.operation();
        if (operation == Operation.SUBSCRIPTION && !socket && !eventStream) {
            return refuse(request, HttpStatus.BAD_REQUEST, ErrorType.BAD_REQUEST,
                    "Subscriptions need a connection that stays open: use WebSocket at /graphql (protocol graphql-transport-ws), "
                            + "or POST with 'Accept: text/event-stream' for Server-Sent Events.", null);
        }
        // Per credential: each API token has its own share; a person signed in through SSO has one.
        Duration wait = rates.acquire(caller.tokenId() != null ? "token:" + caller.tokenId() : "user:" + caller.handle());
        if (wait != null) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return refuse(request, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS, "This credential is sending more than "
                    + limits.requestsPerSecond() + " requests a second; retry in " + seconds + " s.", Duration.ofSeconds(seconds));
        }
        if (operation == Operation.SUBSCRIPTION) {
            // Over SSE each subscription is its own connection, so there is no per-connection share to hold.
            return socket ? subscribe((WebSocketGraphQlRequest) request, chain) : chain.next(request);
        }
        return chain.next(request)
                .timeout(limits.timeout())
                .onErrorResume(TimeoutException.class, timeout -> {
                    log.info("Stopped {} after {}: too slow", name(request), limits.timeout());
                    return Mono.just(errorResponse(request, TIMEOUT, "This request ran longer than " + limits.timeout().toSeconds()
                            + " s and was stopped; nothing it would have changed was kept. Ask for less at once."));
                });
    }

    /** Holds a socket to its share of subscriptions, so its queries and mutations always get through. */
    private Mono<WebGraphQlResponse> subscribe(WebSocketGraphQlRequest request, Chain chain) {
        AtomicInteger open = (AtomicInteger) request.getSessionInfo().getAttributes()
                .computeIfAbsent(SUBSCRIPTIONS, key -> new AtomicInteger());
        if (open.incrementAndGet() > limits.subscriptionsPerConnection()) {
            open.decrementAndGet();
            return refuse(request, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS, "This connection already has "
                    + limits.subscriptionsPerConnection() + " subscriptions open; end one (complete) or open another connection.",
                    null);
        }
        return chain.next(request)
                .map(response -> response.getExecutionResult().getData() instanceof Publisher<?> events
                        ? response.transform(builder -> builder.data(Flux.from(events).doFinally(signal -> open.decrementAndGet())))
                        : released(response, open))
                .doOnError(error -> open.decrementAndGet());
    }

    private static WebGraphQlResponse released(WebGraphQlResponse response, AtomicInteger open) {
        open.decrementAndGet();
        return response;
    }

    private Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, HttpStatus status, ErrorClassification classification,
                                            String message, Duration retryAfter) {
        log.info("Refused {}: {}", name(request), message);
        if (request instanceof WebSocketGraphQlRequest) {
            return Mono.just(errorResponse(request, classification, message));
        }
        return Mono.error(new RequestRefused(status, classification.toString(), message, retryAfter));
    }

    private static WebGraphQlResponse errorResponse(WebGraphQlRequest request, ErrorClassification classification, String message) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().errorType(classification).message(message).build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }

    private static String name(WebGraphQlRequest request) {
        return request.getOperationName() == null ? "a request" : "'" + request.getOperationName() + "'";
    }

    /** Whether text can be stored and read back as sent. */
    static final class Text {

        private Text() {
        }

        /** A sentence naming the problem, or null when all strings in the document and variables are fine. */
        static String problem(String document, Collection<Object> variables) {
            if (bad(document)) {
                return "The document contains a NUL character or an unpaired surrogate; text must be valid Unicode without NUL.";
            }
            for (Object value : variables) {
                if (badValue(value)) {
                    return "A variable contains a NUL character or an unpaired surrogate; text must be valid Unicode without NUL.";
                }
            }
            return null;
        }

        private static boolean badValue(Object value) {
            if (value instanceof String text) {
                return bad(text);
            }
            if (value instanceof Map<?, ?> map) {
                return map.keySet().stream().anyMatch(Text::badValue) || map.values().stream().anyMatch(Text::badValue);
            }
            if (value instanceof Collection<?> list) {
                return list.stream().anyMatch(Text::badValue);
            }
            return false;
        }

        static boolean bad(String text) {
            if (text == null) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\0') {
                    return true;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return true;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
