package dev.incidentcommand.common;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * <p>One set, for the HTTP and WebSocket server and the database client alike, by default one loop
 * per core: nothing blocks on them. {@code incident-command.event-loops} sets another number. More
 * loops than cores let the kernel share the cores between them, so a request that lands on a loop
 * is not held behind every delivery queued on it; with thousands of live subscribers, paired runs
 * showed a shorter tail for mutations, within the machine's noise (README, "Performance"). The
 * database client opens a connection on the loop of the request that asked for it, so a request,
 * its statements and its answer often stay on one thread; with separate sets every answer would be
 * handed from a database loop to an HTTP loop.
 *
 * <p>They read their sockets again after a millisecond of queued tasks ({@link SocketFirstLoops};
 * {@code incident-command.event-loop-task-quantum}), not after up to a second as Netty's own do.
 *
 * <p>On Linux they run on epoll (the native transport the build includes), which costs less CPU
 * per read and write than Java's NIO selector; elsewhere, or where it cannot load, on NIO.
 */
@Configuration(proxyBeanMethods = false)
class ServerResources {

    private static final Logger log = LoggerFactory.getLogger(ServerResources.class);

    @Bean
    EventLoops eventLoops(@Value("${incident-command.event-loops:0}") int configured,
                          @Value("${incident-command.event-loop-task-quantum:1ms}") Duration taskQuantum) {
        if (configured < 0) {
            throw new IllegalArgumentException("incident-command.event-loops must be 0 (one per core) or more, not " + configured);
        }
        if (taskQuantum.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("incident-command.event-loop-task-quantum must be at least 1ms, not " + taskQuantum);
        }
        int loops = configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
        log.info("{} event loops on {}, back to their sockets after {} ms of queued tasks", loops,
                LoopResources.hasNativeSupport() ? "native transport (epoll)" : "Java NIO", taskQuantum.toMillis());
        return new EventLoops(new SocketFirstLoops("incident-command", loops, taskQuantum));
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
