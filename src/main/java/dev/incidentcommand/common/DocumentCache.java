package dev.incidentcommand.common;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tooling sends the same few documents over and over with different variables: parse and
 * validate each document once. Bounded; cleared when full rather than growing without limit.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCache implements PreparsedDocumentProvider {

    private static final int MAX_DOCUMENTS = 1_000;

    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    @Bean
    GraphQlSourceBuilderCustomizer documentCacheCustomizer() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry known = documents.get(input.getQuery());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (documents.size() >= MAX_DOCUMENTS) {
            documents.clear();
        }
        documents.put(input.getQuery(), entry);
        return CompletableFuture.completedFuture(entry);
    }
}
