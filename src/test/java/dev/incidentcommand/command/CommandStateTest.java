package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.command.CommandState.Presence;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.Stint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStateTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private static Instant at(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    @Test
    void handingOverCommandDoesNotRestartARespondersStay() {
        List<Presence> present = CommandState.presences(List.of(
                new Stint(1, "alice", ParticipantRole.COMMANDER, at(0), at(3)),
                new Stint(1, "alice", ParticipantRole.RESPONDER, at(3), null)));
        assertThat(present).containsExactly(new Presence(1, "alice", at(0)));
    }

    @Test
    void aBreakStartsANewStayAndLeaversAreNotPresent() {
        List<Presence> present = CommandState.presences(List.of(
                new Stint(1, "alice", ParticipantRole.RESPONDER, at(0), at(2)),
                new Stint(2, "bob", ParticipantRole.RESPONDER, at(0), at(1)),
                new Stint(1, "alice", ParticipantRole.SCRIBE, at(5), null)));
        assertThat(present).containsExactly(new Presence(1, "alice", at(5)));
    }

    @Test
    void overlappingRolesCountFromTheEarliest() {
        List<Presence> present = CommandState.presences(List.of(
                new Stint(3, "carol", ParticipantRole.RESPONDER, at(1), null),
                new Stint(3, "carol", ParticipantRole.SUBJECT_MATTER_EXPERT, at(2), at(4))));
        assertThat(present).containsExactly(new Presence(3, "carol", at(1)));
    }
}
