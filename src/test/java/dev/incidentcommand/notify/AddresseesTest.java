package dev.incidentcommand.notify;

import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.CheckInMissed;
import dev.incidentcommand.command.CommandEvent.DelegationUnacknowledged;
import dev.incidentcommand.command.CommandEvent.PageUnanswered;
import dev.incidentcommand.command.CommandEvent.ReliefSuggested;
import dev.incidentcommand.command.CommandEvent.TaskOverdue;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reminder reaches the person who has to act on it; news is for everyone. */
class AddresseesTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void remindersAreAddressedToWhoeverMustAct() {
        assertThat(Addressees.of(new DelegationUnacknowledged("t", TaskKind.MITIGATION, "Roll back", "bob", TaskStatus.ASSIGNED, AT),
                "alice")).containsExactly("bob");
        assertThat(Addressees.of(new TaskOverdue("t", TaskKind.MITIGATION, "Roll back", "carol", TaskStatus.IN_PROGRESS, AT),
                "alice")).containsExactly("carol");
        assertThat(Addressees.of(new CheckInMissed(15, AT, Severity.SEV1, AT), "alice")).containsExactly("alice");
        assertThat(Addressees.of(new ReliefSuggested("bob", AT), "alice")).containsExactly("alice");
        assertThat(Addressees.of(new PageUnanswered("erin", AT, AT, "dave"), "alice")).containsExactly("dave");
    }

    @Test
    void newsIsForEveryoneAndAMissingCommanderIsNobody() {
        assertThat(Addressees.of(new SeverityChanged(Severity.SEV3, Severity.SEV1, "spreading"), "alice")).isEmpty();
        assertThat(Addressees.of(new CheckInMissed(15, AT, Severity.SEV1, AT), null)).isEmpty();
    }
}
