package dev.incidentcommand.command;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentcommand.command.CommandEvent.ReliefSuggested;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.Stint;
import dev.incidentcommand.support.Fixtures;
import org.junit.jupiter.api.Test;

import static dev.incidentcommand.command.RuleFixtures.SETTINGS;
import static dev.incidentcommand.command.RuleFixtures.T0;
import static dev.incidentcommand.command.RuleFixtures.minutesLater;
import static dev.incidentcommand.command.RuleFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class RotateForLongIncidentsTest {

    private final Incident incident = Fixtures.incident(Severity.SEV2, IncidentStatus.MITIGATING, T0);
    private final List<Stint> aliceCommandsThenResponds = List.of(
            new Stint(1, "alice", ParticipantRole.COMMANDER, T0, minutesLater(180)),
            new Stint(1, "alice", ParticipantRole.RESPONDER, minutesLater(180), null));

    private static Assessment assess(CommandState state, int minutes) {
        Assessment assessment = new Assessment(state.incident().watch());
        RotateForLongIncidents.assess(state, minutesLater(minutes), SETTINGS.reliefAfter(), assessment);
        return assessment;
    }

    @Test
    void someoneOnTheIncidentForFourHoursIsSuggestedForReliefEvenAcrossRoles() {
        assertThat(assess(state(incident, List.of(), aliceCommandsThenResponds), 239).findings()).isEmpty();
        Assessment due = assess(state(incident, List.of(), aliceCommandsThenResponds), 240);
        assertThat(due.findings()).singleElement().isInstanceOfSatisfying(ReliefSuggested.class,
                relief -> assertThat(relief.responder()).isEqualTo("alice"));
        assertThat(due.reliefSuggested()).hasSize(1);
    }

    @Test
    void reliefIsSuggestedOncePerStay() {
        CommandState suggested = new CommandState(incident, List.of(), Map.of(), aliceCommandsThenResponds,
                Set.of(new CommandState.Presence(1, "alice", T0).key()), List.of());
        assertThat(assess(suggested, 300).findings()).isEmpty();
    }

    @Test
    void aResolvedIncidentSuggestsNothing() {
        Incident resolved = Fixtures.incident(Severity.SEV2, IncidentStatus.RESOLVED, T0);
        assertThat(assess(state(resolved, List.of(), aliceCommandsThenResponds), 300).findings()).isEmpty();
    }
}
