package dev.incidentcommand.live;

import java.util.Map;

import dev.incidentcommand.common.BadRequest;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.SubscriptionExecutionStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.http.codec.ServerCodecConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration {

    /** Error classification of a stream ended because its subscriber could not keep up. */
    static final ErrorClassification FELL_BEHIND = ErrorClassification.errorClassification("FELL_BEHIND");

    @Bean
    ClosingWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs,
                                                    GraphQlProperties properties) {
        return new ClosingWebSocketHandler(handler, codecs, properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive());
    }

    /** graphql-java may otherwise deliver subscription events out of order. */
    @Bean
    WebGraphQlInterceptor orderedSubscriptionEvents() {
        return (request, chain) -> {
            request.configureExecutionInput((input, builder) -> builder
                    .graphQLContext(Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true))
                    .build());
            return chain.next(request);
        };
    }

    /** Ends a stream with a message saying what happened, never with internals. */
    @Bean
    SubscriptionExceptionResolver liveErrors() {
        return new SubscriptionExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable error) {
                if (error instanceof BadRequest) {
                    return GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(error.getMessage()).build();
                }
                if (error instanceof FellBehind) {
                    return GraphqlErrorBuilder.newError().errorType(FELL_BEHIND).message(error.getMessage()).build();
                }
                return null;
            }
        };
    }
}
