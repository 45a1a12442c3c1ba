package dev.incidentcommand.command;

import java.time.Instant;

import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.Responder;
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
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(leaderless, bob))).isEqualTo(UserErrorCode.NO_COMMANDER);
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(aliceCommands, alice))).isEqualTo(UserErrorCode.NO_CHANGE);
        assertThat(refusal(() -> CommandChangesHands.checkHandOver(aliceCommands, bob))).isNull();
    }

    @Test
    void theCommanderCannotSimplyLeave() {
        assertThat(refusal(() -> CommandChangesHands.checkLeaving(aliceCommands, alice))).isEqualTo(UserErrorCode.COMMANDER_CANNOT_LEAVE);
        assertThat(refusal(() -> CommandChangesHands.checkLeaving(aliceCommands, bob))).isNull();
    }
}
