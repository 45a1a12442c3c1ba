package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sweep the same database ten times a second. Every due rule must be recorded
 * exactly once: the incidents are claimed with SKIP LOCKED and re-checked under their lock.
 */
@TestPropertySource(properties = {
        "incident-command.discipline.sweep-interval=100ms",
        "incident-command.discipline.stall-grace=1s",
        "incident-command.discipline.relief-after=2s",
        "incident-command.discipline.monitoring-window=2s",
        "incident-command.discipline.ack-reminder-after=1h"})
class TimersAcrossInstancesTest extends IntegrationTest {

    @Test
    void eachTimerEventAppearsExactlyOnceWithTwoInstancesSweeping() {
        try (ConfigurableApplicationContext instanceB = secondInstance(
                "--incident-command.discipline.sweep-interval=100ms",
                "--incident-command.discipline.stall-grace=1s",
                "--incident-command.discipline.relief-after=2s",
                "--incident-command.discipline.monitoring-window=2s",
                "--incident-command.discipline.ack-reminder-after=1h")) {
            GraphQlTester onA = as("alice");
            GraphQlTester onB = as(portOf(instanceB), "alice");
            List<String> monitored = new ArrayList<>();
            List<String> idle = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                GraphQlTester via = i % 2 == 0 ? onA : onB;
                String key = via.documentName("declareIncident")
                        .variable("input", Map.of("title", "Timers " + i, "severity", "SEV4", "commander", "alice"))
                        .execute().path("declareIncident.incident.key").entity(String.class).get();
                if (i < 5) {
                    String task = mutate(via, "createTask", Map.of("incidentId", key, "kind", "INFORMATION_GATHERING",
                                    "title", "Look at graphs", "assignee", "bob",
                                    "dueAt", Instant.now().plusSeconds(2).toString()), "task { id }")
                            .path("createTask.task.id").entity(String.class).get();
                    mutate(as("bob"), "acknowledgeTask", Map.of("taskId", task), "task { id }");
                    mutate(via, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { key }");
                    monitored.add(key);
                } else {
                    idle.add(key);
                }
            }

            Map<String, Long> expectedMonitored = Map.of("TASK_OVERDUE", 1L, "MONITORING_WINDOW_ENDED", 1L, "RELIEF_SUGGESTED", 1L);
            Map<String, Long> expectedIdle = Map.of("INCIDENT_STALLED", 1L, "RELIEF_SUGGESTED", 1L);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> allReached(onA, monitored, expectedMonitored) && allReached(onA, idle, expectedIdle));
            // Both instances keep sweeping: nothing may be recorded a second time.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> exactly(onA, monitored, expectedMonitored) && exactly(onA, idle, expectedIdle));

            for (String key : monitored) {
                List<String> kinds = timelineKinds(onA, key);
                assertThat(kinds).filteredOn(expectedMonitored::containsKey)
                        .containsExactlyInAnyOrder("TASK_OVERDUE", "MONITORING_WINDOW_ENDED", "RELIEF_SUGGESTED");
            }
            for (String key : idle) {
                assertThat(timelineKinds(onA, key)).filteredOn(expectedIdle::containsKey)
                        .containsExactlyInAnyOrder("INCIDENT_STALLED", "RELIEF_SUGGESTED");
            }
        }
    }

    private static boolean allReached(GraphQlTester tester, List<String> keys, Map<String, Long> expected) {
        return keys.stream().allMatch(key -> {
            List<String> kinds = timelineKinds(tester, key);
            return expected.entrySet().stream()
                    .allMatch(e -> kinds.stream().filter(e.getKey()::equals).count() >= e.getValue());
        });
    }

    private static boolean exactly(GraphQlTester tester, List<String> keys, Map<String, Long> expected) {
        return keys.stream().allMatch(key -> {
            List<String> kinds = timelineKinds(tester, key);
            return expected.entrySet().stream()
                    .allMatch(e -> kinds.stream().filter(e.getKey()::equals).count() == e.getValue());
        });
    }
}
