package dev.incidentcommand.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The schema's custom scalars: {@code DateTime} (ISO-8601, UTC) and {@code JSON} (output objects). */
@Configuration(proxyBeanMethods = false)
class Scalars {

    @Bean
    RuntimeWiringConfigurer customScalars() {
        return wiring -> wiring.scalar(dateTime()).scalar(json());
    }

    static GraphQLScalarType dateTime() {
        return GraphQLScalarType.newScalar()
                .name("DateTime")
                .description("An ISO-8601 instant in UTC")
                .coercing(new Coercing<Instant, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Instant instant) {
                            return instant.truncatedTo(ChronoUnit.MILLIS).toString();
                        }
                        throw new CoercingSerializeException("Not a point in time: " + value);
                    }

                    @Override
                    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof String text) {
                            return parse(text, CoercingParseValueException::new);
                        }
                        throw new CoercingParseValueException("A DateTime is an ISO-8601 string such as 2026-11-27T20:21:22Z.");
                    }

                    @Override
                    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (input instanceof StringValue text) {
                            return parse(text.getValue(), CoercingParseLiteralException::new);
                        }
                        throw new CoercingParseLiteralException("A DateTime is an ISO-8601 string such as 2026-11-27T20:21:22Z.");
                    }
                })
                .build();
    }

    /** What PostgreSQL and people can both make sense of; outside, a time is surely a mistake. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant parse(String text, java.util.function.Function<String, RuntimeException> error) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw error.apply("'" + text + "' is not an ISO-8601 date-time with an offset, such as 2026-11-27T20:21:22Z.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw error.apply("'" + text + "' is outside the years 1970 to 9999 that a DateTime may take.");
        }
        return instant;
    }

    static GraphQLScalarType json() {
        return GraphQLScalarType.newScalar()
                .name("JSON")
                .description("A JSON object")
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Map<?, ?>) {
                            return value;
                        }
                        throw new CoercingSerializeException("Not a JSON object");
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        throw new CoercingParseValueException("JSON values are output only.");
                    }

                    @Override
                    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        throw new CoercingParseLiteralException("JSON values are output only.");
                    }
                })
                .build();
    }
}
