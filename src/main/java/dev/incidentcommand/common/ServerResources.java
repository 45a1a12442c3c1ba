package dev.incidentcommand.common;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Each running server owns its Netty event loops. By default they are the JVM's global ones, and
 * stopping one application context shuts those down under every other server in the same JVM,
 * whose new connections then hang unanswered; tests run several instances side by side.
 */
@Configuration(proxyBeanMethods = false)
class ServerResources {

    @Bean
    ReactorResourceFactory reactorServerResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
