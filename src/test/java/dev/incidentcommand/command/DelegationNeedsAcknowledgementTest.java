package dev.incidentcommand.command;

import java.time.Duration;

import dev.incidentcommand.command.CommandEvent.DelegationUnacknowledged;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.support.Fixtures;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

class DelegationNeedsAcknowledgementTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static Assessment assess(Task task, int minutesAfterAssignment) {
        Assessment assessment = new Assessment(Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0).watch());
        DelegationNeedsAcknowledgement.assess(task, "bob", minutesLater(minutesAfterAssignment), FIVE_MINUTES, assessment);
        return assessment;
    }

    @Test
    void anAssignmentLeftUnacknowledgedIsRecordedOnceItIsDue() {
        Task assigned = Fixtures.task(7, TaskKind.MITIGATION, TaskStatus.ASSIGNED, 2, T0);
        assertThat(assess(assigned, 4).findings()).isEmpty();
        assertThat(assess(assigned, 4).finalWatch().nextDueAt()).isEqualTo(minutesLater(5));
        Assessment due = assess(assigned, 5);
        assertThat(due.findings()).singleElement().isInstanceOfSatisfying(DelegationUnacknowledged.class,
                reminder -> assertThat(reminder.assignee()).isEqualTo("bob"));
        assertThat(due.reminders().get(7L).ackRemindedAt()).isEqualTo(minutesLater(5));
        assertThat(due.finalWatch().nextDueAt()).isEqualTo(minutesLater(10));
    }

    @Test
    void theReminderRepeatsOncePerIntervalNotOnEveryLook() {
        Task remindedAtFive = new Task(7, 1, TaskKind.MITIGATION, "Roll back", 2, TaskStatus.ASSIGNED, 1, T0, null, null, null,
                null, null, null, T0, null, minutesLater(5), null);
        assertThat(assess(remindedAtFive, 9).findings()).isEmpty();
        assertThat(assess(remindedAtFive, 10).findings()).hasSize(1);
    }

    @Test
    void anAcknowledgedTaskIsDelegated() {
        Task acknowledged = Fixtures.task(7, TaskKind.MITIGATION, TaskStatus.ACKNOWLEDGED, 2, T0);
        Assessment later = assess(acknowledged, 60);
        assertThat(later.findings()).isEmpty();
        assertThat(later.finalWatch().nextDueAt()).isNull();
    }
}
