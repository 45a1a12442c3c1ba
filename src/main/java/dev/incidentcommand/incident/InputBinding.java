package dev.incidentcommand.incident;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import graphql.schema.DataFetchingEnvironment;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.GraphQlArgumentBinder;
import org.springframework.validation.BindException;

/**
 * Binds a mutation's {@code input} to the record the handler declares. Most inputs are flat: each
 * field a scalar, an enum or a list of them, which graphql-java has already checked against the
 * schema. Those are bound by a plan made once per record type. Spring's binder, which looks the
 * constructor up by reflection on every call (a measurable share of a mutation's CPU), binds the
 * rest (nested inputs, {@code ArgumentValue}) and any value of an unexpected shape, with its errors.
 */
final class InputBinding {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, Instant.class);
    /** A value a plan cannot bind: Spring's binder takes over. */
    private static final Object UNBOUND = new Object();

    private final GraphQlArgumentBinder general = new GraphQlArgumentBinder();
    private final ConcurrentMap<Class<?>, Optional<Plan>> plans = new ConcurrentHashMap<>();

    Object bind(DataFetchingEnvironment environment, String name, ResolvableType type) throws BindException {
        Class<?> target = type.resolve();
        Object raw = environment.getArgument(name);
        if (raw == null && target != null && target.isRecord()) {
            return null; // an optional input object left out
        }
        if (target != null && raw instanceof Map<?, ?> fields) {
            Optional<Plan> plan = plans.computeIfAbsent(target, Plan::of);
            if (plan.isPresent()) {
                Object bound = plan.get().bind(fields);
                if (bound != UNBOUND) {
                    return bound;
                }
            }
        }
        return general.bind(environment, name, type);
    }

    private record Plan(Constructor<?> constructor, String[] names, List<Function<Object, Object>> converters) {

        static Optional<Plan> of(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            List<Function<Object, Object>> converters = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                Function<Object, Object> converter = converter(components[i].getGenericType());
                if (converter == null) {
                    return Optional.empty();
                }
                converters.add(converter);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return Optional.of(new Plan(constructor, names, List.copyOf(converters)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** How a value of the type is bound, or null when the plan does not bind the type. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Function<Object, Object> converter(Type type) {
            if (type instanceof Class<?> c && SCALARS.contains(c)) {
                return value -> value == null || c.isInstance(value) ? value : UNBOUND;
            }
            if (type instanceof Class<?> c && c.isEnum()) {
                return value -> {
                    if (value == null || c.isInstance(value)) {
                        return value;
                    }
                    try {
                        return value instanceof String text ? Enum.valueOf((Class) c, text) : UNBOUND;
                    } catch (IllegalArgumentException e) {
                        return UNBOUND;
                    }
                };
            }
            if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
                Function<Object, Object> element = converter(list.getActualTypeArguments()[0]);
                if (element == null) {
                    return null;
                }
                return value -> {
                    if (value == null) {
                        return null;
                    }
                    if (!(value instanceof List<?> values)) {
                        return UNBOUND;
                    }
                    List<Object> bound = new ArrayList<>(values.size());
                    for (Object each : values) {
                        Object converted = element.apply(each);
                        if (converted == UNBOUND || converted == null) {
                            return UNBOUND;
                        }
                        bound.add(converted);
                    }
                    return List.copyOf(bound);
                };
            }
            return null;
        }

        Object bind(Map<?, ?> fields) {
            Object[] arguments = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Object converted = converters.get(i).apply(fields.get(names[i]));
                if (converted == UNBOUND) {
                    return UNBOUND;
                }
                arguments[i] = converted;
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                return UNBOUND;
            }
        }
    }
}
