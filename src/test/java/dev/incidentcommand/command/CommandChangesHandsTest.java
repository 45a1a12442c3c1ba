package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.support.Fixtures;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class CommandChangesHandsTest {

    private final Incident leaderless = Fixtures.incident(Severity.SEV2, IncidentStatus.INVESTIGATING, T0);
    private final Incident aliceCommands = Fixtures.commandedBy(leaderless, 1);
    private final Responder alice = new Responder(1, "alice", "Alice", Instant.EPOCH);
    private final Responder bob = new Responder(2, "bob", "Bob", Instant.EPOCH);

    @Test
    void aCommanderIsNamedOnceThenCommandIsHandedOver() {
        assertThat(refusal(() -> CommandChangesHands.checkAssignment(leaderless))).isNull();
        assertThat(refusal(() -> CommandChangesHands.checkAssignment(aliceCommands))).isEqualTo(UserErrorCode.COMMANDER_ALREADY_ASSIGNED);
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(leaderless, alice, bob))).isEqualTo(UserErrorCode.NO_COMMANDER);
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(aliceCommands, alice, alice))).isEqualTo(UserErrorCode.NO_CHANGE);
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(aliceCommands, alice, bob))).isNull();
    }

    @Test
    void onlyTheCommanderHandsOverAnyoneElseTakesCommand() {
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(aliceCommands, bob, bob))).isEqualTo(UserErrorCode.NOT_COMMANDER);
        assertThat(refusal(() -> CommandChangesHands.checkTaking(aliceCommands, bob))).isNull();
        assertThat(refusal(() -> CommandChangesHands.checkTaking(aliceCommands, alice))).isEqualTo(UserErrorCode.NO_CHANGE);
        assertThat(refusal(() -> CommandChangesHands.checkTaking(leaderless, bob))).isEqualTo(UserErrorCode.NO_COMMANDER);
    }

    @Test
    void nobodyLeavesWorkTheyTookOnBehind() {
        List<Task> working = List.of(Fixtures.task(1, TaskKind.INFORMATION_GATHERING, TaskStatus.IN_PROGRESS, 2, T0));
        List<Task> onlyGiven = List.of(Fixtures.task(1, TaskKind.INFORMATION_GATHERING, TaskStatus.ASSIGNED, 2, T0));
        List<Task> followUp = List.of(Fixtures.task(1, TaskKind.FOLLOW_UP, TaskStatus.IN_PROGRESS, 2, T0));
        assertThat(refusal(() -> CommandChangesHands.checkLeavingWork(aliceCommands, bob, working))).isEqualTo(UserErrorCode.OPEN_WORK);
        assertThat(refusal(() -> CommandChangesHands.checkLeavingWork(aliceCommands, bob, onlyGiven))).isNull();
        assertThat(refusal(() -> CommandChangesHands.checkLeavingWork(aliceCommands, bob, followUp))).isNull();
    }

    @Test
    void theCommanderCannotSimplyLeave() {
        assertThat(refusal(() -> CommandChangesHands.checkLeaving(aliceCommands, alice))).isEqualTo(UserErrorCode.COMMANDER_CANNOT_LEAVE);
        assertThat(refusal(() -> CommandChangesHands.checkLeaving(aliceCommands, bob))).isNull();
    }
}
