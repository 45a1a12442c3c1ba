package dev.incidentcommand.common;

import java.util.Arrays;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The {@code id} field of every type named in {@link Ids.Type}, encoded from its row's id by a
 * trivial data fetcher. Ids are read on every row of every list (a board asks for each task's);
 * as controller methods, each read had Spring for GraphQL build a handler, resolve its arguments
 * and snapshot the request's context, for a few bytes of base64.
 */
@Configuration(proxyBeanMethods = false)
class IdFields {

    @Bean
    RuntimeWiringConfigurer opaqueIds() {
        return wiring -> Arrays.stream(Ids.Type.values())
                .forEach(type -> wiring.type(type.name(), fields -> fields.dataFetcher("id", new Encoded(type))));
    }

    /** Reads the row id of an {@link Ids.Row} and encodes it as an id of {@code type}. */
    record Encoded(Ids.Type type) implements TrivialDataFetcher<String> {

        @Override
        public String get(DataFetchingEnvironment environment) {
            if (environment.getSource() instanceof Ids.Row row) {
                return Ids.encode(type, row.id());
            }
            throw new IllegalStateException(type + ".id needs a row, got " + environment.getSource());
        }
    }
}
