package dev.incidentcommand.live;

import java.util.List;

import dev.incidentcommand.common.BadRequest;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration {

    /** Error classification of a stream ended because its subscriber could not keep up. */
    static final ErrorClassification FELL_BEHIND = ErrorClassification.errorClassification("FELL_BEHIND");
    static final ErrorClassification RESTARTING = ErrorClassification.errorClassification("RESTARTING");

    @Bean
    ClosingWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs,
                                                    GraphQlProperties properties, TimelineFeed feed) {
        return new ClosingWebSocketHandler(handler, EncodedMessages.around(codecs), properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(), feed);
    }

    @Bean
    SharedRendering sharedRendering(BatchLoaderRegistry batchLoaders, ObjectProvider<DataFetcherExceptionResolver> resolvers,
                                    JsonMapper json) {
        return new SharedRendering(batchLoaders, resolvers.orderedStream().toList(), json);
    }

    /**
     * Each event is rendered once per distinct selection, in order (see {@link SharedRendering});
     * a subscription keeps nothing of the request that opened it ({@link LeanSubscriptionEnvironments}).
     */
    @Bean
    GraphQlSourceBuilderCustomizer sharedSubscriptionEvents(SharedRendering rendering,
                                                            ObjectProvider<DataFetcherExceptionResolver> resolvers) {
        SharedEventsStrategy strategy = new SharedEventsStrategy(
                DataFetcherExceptionResolver.createExceptionHandler(resolvers.orderedStream().toList()), rendering);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.subscriptionExecutionStrategy(strategy))
                .typeVisitors(List.of(new LeanSubscriptionEnvironments()));
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
                if (error instanceof Restarting) {
                    return GraphqlErrorBuilder.newError().errorType(RESTARTING).message(error.getMessage()).build();
                }
                return null;
            }
        };
    }
}
