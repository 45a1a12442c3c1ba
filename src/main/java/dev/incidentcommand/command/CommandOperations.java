package dev.incidentcommand.command;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Whether the rules' timers keep up, for health checks and metrics. */
@Configuration(proxyBeanMethods = false)
class CommandOperations {

    /** Reminders, stalls and check-ins are recorded by the sweep; an instance whose sweep fails is not ready. */
    @Bean
    HealthIndicator rulesOfCommandHealthIndicator(DisciplineSweeper sweeper) {
        return () -> sweeper.keepingUp() ? Health.up().build()
                : Health.down().withDetail("reason", "the sweep for due rules has not succeeded lately").build();
    }

    @Bean
    MeterBinder rulesMetrics(DisciplineSweeper sweeper) {
        return registry -> Gauge.builder("incident_command.rules.due", sweeper, DisciplineSweeper::stillDue)
                .description("Incidents whose rules were due but not yet looked at, after the last sweep")
                .register(registry);
    }
}
