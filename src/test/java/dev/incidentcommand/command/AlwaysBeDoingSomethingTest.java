package dev.incidentcommand.command;

import java.util.List;

import dev.incidentcommand.command.CommandEvent.IncidentStalled;
import dev.incidentcommand.command.CommandEvent.IncidentUnstalled;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.support.Fixtures;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.SETTINGS;
import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.minutesLater;
import static dev.incidentcommand.command.RuleFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class AlwaysBeDoingSomethingTest {

    private final Incident investigating = Fixtures.incident(Severity.SEV2, IncidentStatus.INVESTIGATING, T0);

    private static Assessment assess(CommandState state, int minutes) {
        Assessment assessment = new Assessment(state.incident().watch());
        AlwaysBeDoingSomething.assess(state, minutesLater(minutes), SETTINGS.stallGrace(), assessment);
        return assessment;
    }

    @Test
    void aNewIncidentHasAGraceBeforeItCountsAsStalled() {
        Assessment early = assess(state(investigating, List.of(), List.of()), 1);
        assertThat(early.findings()).isEmpty();
        assertThat(early.finalWatch().nextDueAt()).isEqualTo(minutesLater(2));
        Assessment stalled = assess(state(investigating, List.of(), List.of()), 2);
        assertThat(stalled.findings()).singleElement().isInstanceOf(IncidentStalled.class);
        assertThat(stalled.watch().stalledSince()).isEqualTo(minutesLater(2));
    }

    @Test
    void workThatNobodyAcknowledgedDoesNotCount() {
        List<Task> assignedOnly = List.of(Fixtures.task(1, TaskKind.MITIGATION, TaskStatus.ASSIGNED, 2, T0));
        assertThat(assess(state(investigating, assignedOnly, List.of()), 3).findings())
                .singleElement().isInstanceOf(IncidentStalled.class);
    }

    @Test
    void theGraceRunsFromWhenWorkStoppedNotFromDeclaration() {
        Incident longRunning = investigating.withWatch(new Incident.Watch(null, null, T0, null, null, false, null));
        Assessment justFinished = assess(state(longRunning, List.of(), List.of()), 60);
        assertThat(justFinished.findings()).isEmpty();
        assertThat(justFinished.watch().idleSince()).isEqualTo(minutesLater(60));
        assertThat(justFinished.finalWatch().nextDueAt()).isEqualTo(minutesLater(62));
        Incident idle = longRunning.withWatch(justFinished.finalWatch());
        assertThat(assess(state(idle, List.of(), List.of()), 62).findings()).singleElement()
                .isInstanceOfSatisfying(IncidentStalled.class, stalled -> assertThat(stalled.unacknowledged()).isZero());
    }

    @Test
    void watchingAfterMitigationIsDoingSomething() {
        Incident monitoring = Fixtures.incident(Severity.SEV2, IncidentStatus.MONITORING, T0);
        Assessment watching = assess(state(monitoring, List.of(), List.of()), 30);
        assertThat(watching.findings()).isEmpty();
        assertThat(watching.watch().idleSince()).isNull();
    }

    @Test
    void acknowledgedWorkEndsTheStallOnce() {
        Incident stalled = investigating.withWatch(new Incident.Watch(T0, minutesLater(2), T0, null, null, false, null));
        List<Task> acknowledged = List.of(Fixtures.task(1, TaskKind.MITIGATION, TaskStatus.ACKNOWLEDGED, 2, T0));
        Assessment moving = assess(state(stalled, acknowledged, List.of()), 7);
        assertThat(moving.findings()).singleElement().isInstanceOfSatisfying(IncidentUnstalled.class,
                unstalled -> assertThat(unstalled.stalledSeconds()).isEqualTo(300));
        assertThat(moving.watch().stalledSince()).isNull();
        // Stalled and still stalled: nothing new to say.
        assertThat(assess(state(stalled, List.of(), List.of()), 9).findings()).isEmpty();
    }
}
