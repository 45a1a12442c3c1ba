package dev.incidentcommand.common;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The Netty event loops the server runs on, owned by this application context.
 *
 * <p>Owned, because the JVM's global loops are shared: stopping one application context shuts
 * them down under every other server in the same JVM, whose new connections then hang unanswered,
 * and tests run several instances side by side.
 *
 * <p>One set, for the HTTP and WebSocket server and the database client alike, one loop per core:
 * nothing blocks on them, so more loops than cores only add thread switches. The database client
 * opens a connection on the loop of the request that asked for it, so a request, its statements
 * and its answer often stay on one thread; with separate sets every answer would be handed from a
 * database loop to an HTTP loop.
 */
@Configuration(proxyBeanMethods = false)
class ServerResources {

    @Bean
    EventLoops eventLoops() {
        return new EventLoops(LoopResources.create("incident-command", Runtime.getRuntime().availableProcessors(), true));
    }

    @Bean
    ReactorResourceFactory reactorServerResourceFactory(EventLoops loops) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        // Given, not made: the factory leaves them running; EventLoops shuts them down last.
        factory.setLoopResources(loops.resources());
        return factory;
    }
}
