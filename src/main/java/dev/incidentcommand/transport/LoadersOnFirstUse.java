package dev.incidentcommand.transport;

import dev.incidentcommand.common.WaitingLoaders;
import graphql.GraphQLContext;
import org.dataloader.DataLoaderRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DataLoaderRegistrar;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Spring for GraphQL's execution of requests, as Spring Boot sets it up, but with the data loaders
 * of each query and mutation made when it first asks for one ({@link WaitingLoaders}) rather than
 * before it starts (registries are chosen per operation by {@link LoadersPerOperation}).
 */
@Configuration(proxyBeanMethods = false)
class LoadersOnFirstUse {

    @Bean
    ExecutionGraphQlService executionGraphQlService(GraphQlSource source, BatchLoaderRegistry batchLoaders) {
        DefaultExecutionGraphQlService service = new DefaultExecutionGraphQlService(source);
        service.addDataLoaderRegistrar(new DataLoaderRegistrar() {
            @Override
            public boolean hasRegistrations() {
                return batchLoaders.hasRegistrations();
            }

            @Override
            public void registerDataLoaders(DataLoaderRegistry registry, GraphQLContext context) {
                if (registry instanceof WaitingLoaders waiting) {
                    waiting.registerOnFirstUse(() -> batchLoaders.registerDataLoaders(waiting, context));
                } else {
                    batchLoaders.registerDataLoaders(registry, context);
                }
            }
        });
        return service;
    }
}
