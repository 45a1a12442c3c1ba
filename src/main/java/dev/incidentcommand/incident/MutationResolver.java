package dev.incidentcommand.incident;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.incidentcommand.people.Actor;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

/**
 * Gives a mutation handler its {@link Mutation}: the name is the field being executed, the actor
 * comes from the request's context, and the {@code input} argument is bound to the input type the
 * handler declares ({@code Mutation<DeclareIncidentInput>}).
 */
@Component
class MutationResolver implements HandlerMethodArgumentResolver {

    private final InputBinding binder = new InputBinding();
    /** The input type of each handler parameter, resolved once. */
    private final Map<MethodParameter, ResolvableType> inputTypes = new ConcurrentHashMap<>();
    private final Clock clock;

    MutationResolver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Mutation.class;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) throws Exception {
        Actor actor = environment.getGraphQlContext().get(Actor.CONTEXT_KEY);
        if (actor == null) {
            // Every request passes the security layer, which names the actor; this is a wiring error.
            throw new IllegalStateException("No authenticated actor for " + environment.getField().getName());
        }
        ResolvableType inputType = inputTypes.computeIfAbsent(parameter,
                each -> ResolvableType.forMethodParameter(each).getGeneric(0));
        MutationInput input = (MutationInput) binder.bind(environment, "input", inputType);
        return new Mutation(environment.getField().getName(), actor.handle(), input, clock.instant());
    }
}
