package dev.incidentcommand.common;

import java.util.Map;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the acting responder from the {@code X-Actor} header into the GraphQL context. */
@Component
class ActorInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Actor actor = Actor.of(request.getHeaders().getFirst(Actor.HEADER));
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(Actor.CONTEXT_KEY, actor)).build());
        return chain.next(request);
    }
}
