package dev.incidentcommand.command;

import dev.incidentcommand.command.CommandEvent.MonitoringWindowEnded;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.support.Fixtures;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.SETTINGS;
import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.minutesLater;
import static dev.incidentcommand.command.RuleFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class MonitorAfterMitigationTest {

    private final MonitorAfterMitigation rule = new MonitorAfterMitigation(SETTINGS);
    private final Incident monitored = Fixtures.incident(Severity.SEV2, IncidentStatus.MONITORING, T0)
            .withWatch(new Incident.Watch(null, null, T0, null, minutesLater(15), false, null));

    @Test
    void theWindowIsFifteenMinutesUnlessTheIncidentAsksForAnother() {
        assertThat(rule.monitoringUntil(null, T0)).isEqualTo(minutesLater(15));
        assertThat(rule.monitoringUntil(45, T0)).isEqualTo(minutesLater(45));
    }

    @Test
    void resolvingInsideTheWindowOrWithoutMonitoringNeedsAReason() {
        assertThat(refusal(() -> rule.checkResolution(monitored, null, minutesLater(10))))
                .isEqualTo(UserErrorCode.MONITORING_WINDOW_OPEN);
        assertThat(rule.checkResolution(monitored, "Customer confirmed", minutesLater(10))).isTrue();
        assertThat(rule.checkResolution(monitored, null, minutesLater(15))).isFalse();
        Incident mitigating = Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0);
        assertThat(refusal(() -> rule.checkResolution(mitigating, null, minutesLater(60))))
                .isEqualTo(UserErrorCode.MONITORING_WINDOW_OPEN);
    }

    @Test
    void onlyARepeatWhileWatchedReopens() {
        assertThat(rule.repeatReopens(monitored)).isTrue();
        assertThat(rule.repeatReopens(Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0))).isFalse();
    }

    @Test
    void theEndOfTheWindowIsRecordedOnce() {
        Assessment during = new Assessment(monitored.watch());
        MonitorAfterMitigation.assessWindow(monitored, minutesLater(14), during);
        assertThat(during.findings()).isEmpty();
        assertThat(during.finalWatch().nextDueAt()).isEqualTo(minutesLater(15));

        Assessment ended = new Assessment(monitored.watch());
        MonitorAfterMitigation.assessWindow(monitored, minutesLater(15), ended);
        assertThat(ended.findings()).singleElement().isInstanceOf(MonitoringWindowEnded.class);

        Assessment after = new Assessment(ended.watch());
        MonitorAfterMitigation.assessWindow(monitored.withWatch(ended.watch()), minutesLater(30), after);
        assertThat(after.findings()).isEmpty();
    }
}
