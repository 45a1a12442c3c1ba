package dev.incidentcommand.notify;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Whether notifications go out, for health checks and metrics. A failing receiver is the channel's problem, not this instance's. */
@Configuration(proxyBeanMethods = false)
class NotifyOperations {

    @Bean
    HealthIndicator notificationsHealthIndicator(Dispatcher dispatcher) {
        return () -> dispatcher.keepingUp() ? Health.up().build()
                : Health.down().withDetail("reason", "the outbox has not been read lately").build();
    }

    @Bean
    MeterBinder notificationMetrics(Dispatcher dispatcher) {
        return registry -> {
            FunctionCounter.builder("incident_command.notifications.delivered", dispatcher, Dispatcher::delivered)
                    .description("Notifications a receiver accepted").register(registry);
            FunctionCounter.builder("incident_command.notifications.failed", dispatcher, Dispatcher::failed)
                    .description("Delivery attempts that failed or timed out (each is retried)").register(registry);
            Gauge.builder("incident_command.notifications.backlog", dispatcher, Dispatcher::pending)
                    .description("Notifications waiting to be delivered, on all channels").register(registry);
        };
    }
}
