package dev.incidentcommand.limits;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import graphql.execution.instrumentation.Instrumentation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A single instrumentation (the limits, {@link QueryLimits}) handed to graphql-java as it is.
     * Spring for GraphQL wraps even one in a chain, which graphql-java then asks at several points
     * of every field of every request, the chain building a list of contexts each time: about 3%
     * of the CPU a board request cost. With more than one, the chain stays.
     */
    @Bean
    GraphQlSourceBuilderCustomizer instrumentationUnchained(List<Instrumentation> instrumentations) {
        return builder -> {
            if (instrumentations.size() == 1) {
                builder.configureGraphQl(graphQl -> graphQl.instrumentation(instrumentations.get(0)));
            }
        };
    }

    /** A refused request over HTTP: its status, a Retry-After when waiting helps, and a GraphQL-shaped body. */
    @Bean
    @Order(-3)
    WebExceptionHandler requestRefused() {
        return (exchange, error) -> {
            if (error instanceof ServerWebInputException && "/graphql".equals(exchange.getRequest().getPath().value())) {
                error = new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The body is not a GraphQL request: send a JSON "
                        + "object with a string 'query' and, optionally, an object 'variables' and a string 'operationName'.", null);
            }
            if (!(error instanceof RequestRefused refused)) {
                return Mono.error(error);
            }
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(refused.status());
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            if (refused.retryAfter() != null) {
                response.getHeaders().set("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
            }
            byte[] body = JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", refused.getMessage(),
                    "extensions", Map.of("classification", refused.classification()))))).getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        };
    }
}
