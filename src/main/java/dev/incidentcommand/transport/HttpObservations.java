package dev.incidentcommand.transport;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The framework's {@code http_server_requests} timer is kept for what is not GraphQL (alert
 * webhooks, the board's page, actuator) and skipped for {@code /graphql}, whose requests
 * {@link RequestMetrics} times by operation and root field: a URI that is always {@code /graphql}
 * says nothing more, and starting and stopping that observation cost about 2% of a mutation's CPU.
 */
@Configuration(proxyBeanMethods = false)
class HttpObservations {

    @Bean
    ObservationPredicate graphQlRequestsTimedElsewhere() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && "/graphql".equals(request.getCarrier().getPath().value()));
    }
}
