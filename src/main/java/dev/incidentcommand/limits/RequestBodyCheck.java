package dev.incidentcommand.limits;

import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A GraphQL request over HTTP must have a body, and not a huge one: an empty or {@code null}
 * body is a 400 and one over the size limit a 413, each with a sentence, before anything is
 * decoded.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class RequestBodyCheck implements WebFilter {

    private final LimitsProperties limits;

    RequestBodyCheck(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST || !"/graphql".equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        int max = (int) Math.min(Integer.MAX_VALUE, limits.maxRequestSize().toBytes());
        return DataBufferUtils.join(exchange.getRequest().getBody(), max)
                .map(body -> body)
                .defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
                .flatMap(body -> {
                    String text = body.toString(0, Math.min(body.readableByteCount(), 16), StandardCharsets.UTF_8).strip();
                    if (body.readableByteCount() == 0 || (body.readableByteCount() < 16 && text.equals("null")) || text.isEmpty()) {
                        DataBufferUtils.release(body);
                        return Mono.error(new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_REQUEST",
                                "The request has no body: send a JSON object with a 'query'.", null));
                    }
                    ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.just(body);
                        }
                    };
                    return chain.filter(exchange.mutate().request(request).build());
                })
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new RequestRefused(HttpStatus.PAYLOAD_TOO_LARGE,
                        "PAYLOAD_TOO_LARGE", "The request body is larger than " + limits.maxRequestSize().toKilobytes()
                        + " KiB (incident-command.limits.max-request-size).", null));
    }
}
