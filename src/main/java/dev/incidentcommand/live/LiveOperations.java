package dev.incidentcommand.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the live timeline is doing, for health checks and metrics. */
@Configuration(proxyBeanMethods = false)
class LiveOperations {

    /** Without its LISTEN connection an instance misses what other instances commit: not ready. */
    @Bean
    HealthIndicator liveFeedHealthIndicator(PeerListener listener) {
        return () -> listener.connected() ? Health.up().build()
                : Health.down().withDetail("reason", "not listening for changes from other instances").build();
    }

    @Bean
    MeterBinder liveMetrics(TimelineFeed feed, ClosingWebSocketHandler sockets) {
        return registry -> {
            Gauge.builder("incident_command.live.subscriptions", feed, TimelineFeed::subscriberCount)
                    .description("Live subscriptions open on this instance, over WebSocket and Server-Sent Events")
                    .register(registry);
            Gauge.builder("incident_command.websocket.connections", sockets, ClosingWebSocketHandler::openSockets)
                    .description("WebSocket connections open on this instance").register(registry);
            FunctionCounter.builder("incident_command.live.events.read", feed, TimelineFeed::eventsRead)
                    .description("Timeline events read for subscribers: once per event, however many subscribe")
                    .register(registry);
            FunctionCounter.builder("incident_command.live.events.delivered", feed, TimelineFeed::handedOut)
                    .description("Timeline events handed to subscribers: once per event and subscriber")
                    .register(registry);
        };
    }
}
