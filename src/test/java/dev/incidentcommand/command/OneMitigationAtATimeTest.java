package dev.incidentcommand.command;

import java.time.Duration;
import java.util.List;

import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.support.Fixtures;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.minutesLater;
import static dev.incidentcommand.command.RuleFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class OneMitigationAtATimeTest {

    private static final Duration SETTLE = Duration.ofMinutes(5);
    private final Incident sev2 = Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0);
    private final Incident sev1 = Fixtures.incident(Severity.SEV1, IncidentStatus.MITIGATING, T0);
    private final Task next = Fixtures.task(2, TaskKind.MITIGATION, TaskStatus.ACKNOWLEDGED, 3, T0);
    private final Task running = Fixtures.task(1, TaskKind.MITIGATION, TaskStatus.IN_PROGRESS, 2, T0);

    @Test
    void aSecondMitigationWaitsWhileOneIsInProgress() {
        assertThat(refusal(() -> OneMitigationAtATime.checkStart(sev2, next, List.of(running, next), T0, SETTLE, null)))
                .isEqualTo(UserErrorCode.MITIGATION_IN_PROGRESS);
    }

    @Test
    void theNextWaitsUntilTheLastIsJudgedOrHasSettled() {
        Task unjudged = Fixtures.finished(running, T0, null);
        assertThat(refusal(() -> OneMitigationAtATime.checkStart(sev2, next, List.of(unjudged, next), minutesLater(4), SETTLE, null)))
                .isEqualTo(UserErrorCode.MITIGATION_SETTLING);
        assertThat(OneMitigationAtATime.checkStart(sev2, next, List.of(unjudged, next), minutesLater(5), SETTLE, null)).isFalse();
        Task judged = Fixtures.finished(running, T0, MitigationOutcome.INEFFECTIVE);
        assertThat(OneMitigationAtATime.checkStart(sev2, next, List.of(judged, next), minutesLater(1), SETTLE, null)).isFalse();
    }

    @Test
    void onlyASev1MayOverrideWithAReason() {
        assertThat(OneMitigationAtATime.checkStart(sev1, next, List.of(running, next), T0, SETTLE, "Two regions down")).isTrue();
        assertThat(refusal(() -> OneMitigationAtATime.checkStart(sev2, next, List.of(running, next), T0, SETTLE, "Hurry")))
                .isEqualTo(UserErrorCode.OVERRIDE_NOT_ALLOWED);
    }

    @Test
    void otherWorkIsNotSerialized() {
        Task gathering = Fixtures.task(3, TaskKind.INFORMATION_GATHERING, TaskStatus.ACKNOWLEDGED, 3, T0);
        assertThat(OneMitigationAtATime.checkStart(sev2, gathering, List.of(running, gathering), T0, SETTLE, null)).isFalse();
    }
}
