package dev.incidentcommand.command;

import java.time.Duration;
import java.util.List;

import dev.incidentcommand.command.CommandEvent.CheckInMissed;
import dev.incidentcommand.command.CommandEvent.TaskOverdue;
import dev.incidentcommand.communication.Audience;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
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
import static org.assertj.core.api.Assertions.assertThat;

class RegularCheckInsTest {

    private final Incident sev1 = Fixtures.incident(Severity.SEV1, IncidentStatus.MITIGATING, T0);
    private final Duration cadence = SETTINGS.checkInCadence(Severity.SEV1);

    private Assessment assessCheckIn(Incident incident, int minutes) {
        Assessment assessment = new Assessment(incident.watch());
        RegularCheckIns.assessCheckIn(incident, cadence, minutesLater(minutes), assessment);
        return assessment;
    }

    @Test
    void theCadenceFollowsSeverity() {
        assertThat(SETTINGS.checkInCadence(Severity.SEV1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SETTINGS.checkInCadence(Severity.SEV3)).isEqualTo(Duration.ofMinutes(60));
        assertThat(SETTINGS.checkInCadence(Severity.SEV5)).isNull();
    }

    @Test
    void aMissedCheckInIsRecordedWhenDueAndOncePerCadenceWhileMissed() {
        assertThat(assessCheckIn(sev1, 14).findings()).isEmpty();
        Assessment missed = assessCheckIn(sev1, 15);
        assertThat(missed.findings()).singleElement().isInstanceOfSatisfying(CheckInMissed.class,
                miss -> assertThat(miss.dueAt()).isEqualTo(minutesLater(15)));
        Incident stillMissed = sev1.withWatch(missed.watch());
        assertThat(assessCheckIn(stillMissed, 29).findings()).isEmpty();
        assertThat(assessCheckIn(stillMissed, 30).findings()).hasSize(1);
        // Overdue until someone checks in: the due time does not move with the reminders.
        assertThat(RegularCheckIns.due(stillMissed.watch(), cadence)).isEqualTo(minutesLater(15));
    }

    @Test
    void anInternalUpdateIsACheckInAndAnExternalOneIsNot() {
        var internal = List.<dev.incidentcommand.timeline.EventDetails>of(new UpdatePosted("u", Audience.INTERNAL, "status"));
        var external = List.<dev.incidentcommand.timeline.EventDetails>of(new UpdatePosted("u", Audience.EXTERNAL, "status"));
        assertThat(RegularCheckIns.afterChange(sev1.watch(), internal, minutesLater(10)).lastCheckInAt()).isEqualTo(minutesLater(10));
        assertThat(RegularCheckIns.afterChange(sev1.watch(), external, minutesLater(10)).lastCheckInAt()).isEqualTo(T0);
    }

    @Test
    void aTaskPastItsExpectedTimeIsRecordedOncePerExpectedTime() {
        Task due = Fixtures.due(Fixtures.task(4, TaskKind.MITIGATION, TaskStatus.IN_PROGRESS, 2, T0), minutesLater(20));
        Assessment before = new Assessment(sev1.watch());
        RegularCheckIns.assessTask(due, "bob", minutesLater(19), before);
        assertThat(before.findings()).isEmpty();
        assertThat(before.finalWatch().nextDueAt()).isEqualTo(minutesLater(20));

        Assessment overdue = new Assessment(sev1.watch());
        RegularCheckIns.assessTask(due, "bob", minutesLater(20), overdue);
        assertThat(overdue.findings()).singleElement().isInstanceOf(TaskOverdue.class);
        assertThat(overdue.reminders().get(4L).overdueReportedFor()).isEqualTo(minutesLater(20));

        Task reported = new Task(4, 1, TaskKind.MITIGATION, "Task 4", 2, TaskStatus.IN_PROGRESS, 1, T0, null, null, null,
                minutesLater(20), null, null, T0, null, null, minutesLater(20));
        Assessment again = new Assessment(sev1.watch());
        RegularCheckIns.assessTask(reported, "bob", minutesLater(40), again);
        assertThat(again.findings()).isEmpty();
    }
}
