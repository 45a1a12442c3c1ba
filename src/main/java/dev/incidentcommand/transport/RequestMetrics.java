package dev.incidentcommand.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.incidentcommand.security.OperationShapes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts and times every GraphQL request by what it asks for: the operation type and its first
 * root field (bounded by the schema, unlike client-chosen operation names), and how it ended:
 * {@code ok}, {@code error} (the response carries GraphQL errors) or
 * {@code refused} (rejected before running: credential, rate, size).
 */
@Component
@Order(-1)
class RequestMetrics implements WebGraphQlInterceptor {

    private final OperationShapes shapes;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(OperationShapes shapes, MeterRegistry meters) {
        this.shapes = shapes;
        this.meters = meters;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        OperationShapes.Shape shape = shapes.of(request.getDocument(), request.getOperationName());
        String type = shape == null ? "invalid" : shape.operation().name().toLowerCase(java.util.Locale.ROOT);
        String field = shape == null || shape.rootFields().isEmpty() ? "none" : shape.rootFields().get(0);
        Timer.Sample started = Timer.start(meters);
        return chain.next(request)
                .doOnNext(response -> started.stop(timer(type, field, response.getErrors().isEmpty() ? "ok" : "error")))
                .doOnError(error -> started.stop(timer(type, field, "refused")));
    }

    private Timer timer(String type, String field, String outcome) {
        // Few combinations, asked for on every request: look each up once.
        return timers.computeIfAbsent(type + ' ' + field + ' ' + outcome, key -> Timer.builder("incident_command.graphql.requests")
                .description("GraphQL requests by operation type, first root field and outcome")
                .tag("operation", type)
                .tag("field", field)
                .tag("outcome", outcome)
                .register(meters));
    }
}
