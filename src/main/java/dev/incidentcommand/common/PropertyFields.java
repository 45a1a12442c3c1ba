package dev.incidentcommand.common;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fields without a mapping of their own (an incident's title, a task's status, an edge's node)
 * read the property of the same name, as graphql-java would, through a fetcher that keeps, per
 * field, a function reading it from each class it has seen. graphql-java's own property fetching
 * builds a text key of class and property for every value it reads and looks it up in a shared
 * map: a board reads some four hundred properties per request, and reading them that way took
 * about 4% of the CPU the request cost.
 *
 * <p>Enum fields answer the constant's name. graphql-java writes an enum value by finding it
 * among its type's values, which in a schema-first server are the names: a Java constant matches
 * none of them, so every value would be compared twice, the second time by name.
 */
@Configuration(proxyBeanMethods = false)
class PropertyFields {

    @Bean
    GraphQlSourceBuilderCustomizer propertiesReadDirectly() {
        return builder -> builder.typeVisitors(List.of(new Visitor()));
    }

    static final class Visitor extends GraphQLTypeVisitorStub {

        @Override
        public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                            TraverserContext<GraphQLSchemaElement> context) {
            if (context.getParentNode() instanceof GraphQLObjectType parent && !parent.getName().startsWith("__")) {
                GraphQLCodeRegistry.Builder code = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
                // Only fields left to graphql-java's property fetching; a mapped field keeps its own.
                if (!code.hasDataFetcher(coordinates)) {
                    code.dataFetcher(coordinates, new Property(field.getName(),
                            GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLEnumType));
                }
            }
            return TraversalControl.CONTINUE;
        }
    }

    /**
     * The property {@code name} of the source: a map's entry, a record's component, or a public
     * {@code name()}, {@code getName()} or {@code isName()} method; anything else as graphql-java
     * reads it. With {@code enumName}, an enum constant comes back as its name.
     */
    static final class Property implements LightDataFetcher<Object> {

        private static final Object UNREAD = new Object();
        private final String name;
        private final boolean enumName;
        private final PropertyDataFetcher<Object> otherwise;
        /** How each source class is read, made once per class (a class of its own each time would be a leak). */
        private final ClassValue<Reader> readers = new ClassValue<>() {
            @Override
            protected Reader computeValue(Class<?> type) {
                return Reader.of(type, name);
            }
        };
        /** The reader of the last source class seen: one class per field, in practice. */
        private volatile Reader last;

        Property(String name, boolean enumName) {
            this.name = name;
            this.enumName = enumName;
            this.otherwise = PropertyDataFetcher.fetching(name);
        }

        boolean answersEnumNames() {
            return enumName;
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            Object value = read(source);
            return named(value == UNREAD ? otherwise.get(field, source, environment) : value);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object value = read(environment.getSource());
            return named(value == UNREAD ? otherwise.get(environment) : value);
        }

        /** The value, or {@link #UNREAD} when the source's class is one to leave to graphql-java. */
        private Object read(Object source) {
            if (source == null) {
                return null;
            }
            if (source instanceof Map<?, ?> map) {
                return map.get(name);
            }
            Reader reader = last;
            if (reader == null || reader.type() != source.getClass()) {
                reader = readers.get(source.getClass());
                last = reader;
            }
            if (reader.method() == null) {
                return UNREAD;
            }
            return reader.method().apply(source);
        }

        private Object named(Object value) {
            return enumName && value instanceof Enum<?> constant ? constant.name() : value;
        }
    }

    /**
     * How to read one property of one class: its accessor as a function, made once per class and
     * field (a method handle called through a variable costs about as much as the lookup it
     * replaces), or null to leave the class to graphql-java.
     */
    record Reader(Class<?> type, Function<Object, Object> method) {

        @SuppressWarnings("unchecked")
        static Reader of(Class<?> type, String name) {
            Method found = accessor(type, name);
            if (found == null) {
                return new Reader(type, null);
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(found.getDeclaringClass(), MethodHandles.lookup());
                MethodHandle target = lookup.unreflect(found);
                Object function = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                        MethodType.methodType(Object.class, Object.class), target,
                        MethodType.methodType(found.getReturnType().isPrimitive() ? boxed(found.getReturnType()) : found.getReturnType(),
                                found.getDeclaringClass())).getTarget().invoke();
                return new Reader(type, (Function<Object, Object>) function);
            } catch (Throwable notReadable) {
                // A class this module may not look into (the JDK's own, say): graphql-java reads it.
                return new Reader(type, null);
            }
        }

        private static Class<?> boxed(Class<?> primitive) {
            return MethodType.methodType(primitive).wrap().returnType();
        }

        private static Method accessor(Class<?> type, String name) {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(name)) {
                        return component.getAccessor();
                    }
                }
                // Not a component: a method of the record's own, found as for any class.
            }
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String candidate : List.of(name, "get" + capitalized, "is" + capitalized)) {
                Method method = publicMethod(type, candidate);
                if (method != null && (!candidate.startsWith("is") || candidate.equals(name)
                        || method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                    return method;
                }
            }
            return null;
        }

        private static Method publicMethod(Class<?> type, String name) {
            try {
                Method method = type.getMethod(name);
                return method.getReturnType() == void.class || Modifier.isStatic(method.getModifiers()) ? null : method;
            } catch (NoSuchMethodException absent) {
                return null;
            }
        }
    }
}
