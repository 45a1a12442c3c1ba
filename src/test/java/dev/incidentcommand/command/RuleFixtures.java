package dev.incidentcommand.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Stint;
import dev.incidentcommand.task.Task;

/** Shared setup of the rules' unit tests: a fixed clock, the default settings, states without a database. */
final class RuleFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    static final Instant T0 = CLOCK.instant();
    static final DisciplineProperties SETTINGS = new DisciplineProperties(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(4), null, Duration.ofSeconds(5), null);

    private RuleFixtures() {
    }

    static Instant minutesLater(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static CommandState state(Incident incident, List<Task> tasks, List<Stint> stints) {
        return new CommandState(incident, tasks, Map.of(2L, "bob", 3L, "carol", 1L, "alice"), stints, Set.of(), List.of());
    }

    static UserErrorCode refusal(Runnable rule) {
        try {
            rule.run();
        } catch (Refusal refusal) {
            return refusal.errors().get(0).code();
        }
        return null;
    }
}
