package dev.incidentcommand.command;

import java.util.List;

import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.support.Fixtures;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class CommanderDoesNotMitigateTest {

    private final Incident commandedByAlice = Fixtures.commandedBy(Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0), 1);

    @Test
    void aMitigationCannotGoToTheCommander() {
        assertThat(refusal(() -> CommanderDoesNotMitigate.checkNotCommander(commandedByAlice, TaskKind.MITIGATION, 1, "assignee")))
                .isEqualTo(UserErrorCode.COMMANDER_CANNOT_MITIGATE);
    }

    @Test
    void otherWorkAndOtherPeopleAreFine() {
        assertThat(refusal(() -> CommanderDoesNotMitigate.checkNotCommander(commandedByAlice, TaskKind.INTERNAL_COMMS, 1, null))).isNull();
        assertThat(refusal(() -> CommanderDoesNotMitigate.checkNotCommander(commandedByAlice, TaskKind.MITIGATION, 2, null))).isNull();
    }

    @Test
    void someoneHoldingAMitigationCannotTakeCommand() {
        var held = List.of(Fixtures.task(7, TaskKind.MITIGATION, TaskStatus.IN_PROGRESS, 2, T0));
        assertThat(refusal(() -> CommanderDoesNotMitigate.checkNewCommander(held, "bob", "to")))
                .isEqualTo(UserErrorCode.COMMANDER_CANNOT_MITIGATE);
        assertThat(refusal(() -> CommanderDoesNotMitigate.checkNewCommander(List.of(), "bob", "to"))).isNull();
    }
}
