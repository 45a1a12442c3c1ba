package dev.incidentcommand.incident;

import java.time.Instant;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static Incident incident(IncidentStatus status) {
        return Fixtures.incident(Severity.SEV2, status, T0);
    }

    private static UserErrorCode refusal(Runnable rule) {
        try {
            rule.run();
        } catch (Refusal refusal) {
            return refusal.errors().get(0).code();
        }
        return null;
    }

    @Test
    void forwardMovesAndStepsBackWhileWorkingAreAllowed() {
        assertThat(IncidentRules.checkTransition(incident(IncidentStatus.DECLARED), IncidentStatus.MITIGATING, null)).isFalse();
        assertThat(IncidentRules.checkTransition(incident(IncidentStatus.IDENTIFIED), IncidentStatus.INVESTIGATING, null)).isFalse();
        assertThat(IncidentRules.checkTransition(incident(IncidentStatus.MITIGATING), IncidentStatus.RESOLVED, null)).isFalse();
    }

    @Test
    void leavingMonitoringOrResolvedForWorkIsAReopeningThatNeedsAReason() {
        assertThat(refusal(() -> IncidentRules.checkTransition(incident(IncidentStatus.MONITORING), IncidentStatus.MITIGATING, null)))
                .isEqualTo(UserErrorCode.REASON_REQUIRED);
        assertThat(IncidentRules.checkTransition(incident(IncidentStatus.RESOLVED), IncidentStatus.INVESTIGATING, "back")).isTrue();
        assertThat(refusal(() -> IncidentRules.checkTransition(incident(IncidentStatus.RESOLVED), IncidentStatus.MONITORING, "x")))
                .isEqualTo(UserErrorCode.INVALID_STATUS_TRANSITION);
        assertThat(refusal(() -> IncidentRules.checkTransition(incident(IncidentStatus.INVESTIGATING), IncidentStatus.DECLARED, "x")))
                .isEqualTo(UserErrorCode.INVALID_STATUS_TRANSITION);
    }

    @Test
    void milestonesFollowTheStatus() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        Incident monitoring = incident(IncidentStatus.MITIGATING).withStatus(IncidentStatus.MONITORING, t1);
        assertThat(monitoring.acknowledgedAt()).isEqualTo(t1);
        assertThat(monitoring.mitigatedAt()).isEqualTo(t1);
        Incident resolved = monitoring.withStatus(IncidentStatus.RESOLVED, t2);
        assertThat(resolved.mitigatedAt()).isEqualTo(t1);
        assertThat(resolved.resolvedAt()).isEqualTo(t2);
        Incident reopened = resolved.withStatus(IncidentStatus.INVESTIGATING, t2.plusSeconds(1));
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.mitigatedAt()).isNull();
        assertThat(reopened.acknowledgedAt()).isEqualTo(t1);
    }

    @Test
    void resolvedIncidentRefusesChanges() {
        assertThatThrownBy(() -> IncidentRules.requireActive(incident(IncidentStatus.RESOLVED)))
                .isInstanceOf(Refusal.class).hasMessageContaining("INC-1 is resolved");
        assertThat(refusal(() -> IncidentRules.checkSeverityChange(incident(IncidentStatus.DECLARED), Severity.SEV2)))
                .isEqualTo(UserErrorCode.NO_CHANGE);
    }
}
