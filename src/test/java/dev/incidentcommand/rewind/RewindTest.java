package dev.incidentcommand.rewind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.incidentcommand.command.CommandEvent.CommandHandedOver;
import dev.incidentcommand.command.CommandEvent.CommandTaken;
import dev.incidentcommand.command.CommandEvent.IncidentStalled;
import dev.incidentcommand.command.CommandEvent.IncidentUnstalled;
import dev.incidentcommand.command.CommandEvent.PageUnanswered;
import dev.incidentcommand.command.CommandEvent.ResponderJoined;
import dev.incidentcommand.command.CommandEvent.ResponderLeft;
import dev.incidentcommand.command.CommandEvent.ResponderPaged;
import dev.incidentcommand.communication.Audience;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.IncidentEvent.CommanderAssigned;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.incident.IncidentEvent.IncidentDeclared;
import dev.incidentcommand.incident.IncidentEvent.IncidentEdited;
import dev.incidentcommand.incident.IncidentEvent.IncidentReopened;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentSource;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.rewind.IncidentAsOf.ParticipantAsOf;
import dev.incidentcommand.rewind.IncidentAsOf.TaskAsOf;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.TaskEvent.MitigationOutcomeRecorded;
import dev.incidentcommand.task.TaskEvent.TaskAcknowledged;
import dev.incidentcommand.task.TaskEvent.TaskCancelled;
import dev.incidentcommand.task.TaskEvent.TaskCompleted;
import dev.incidentcommand.task.TaskEvent.TaskCreated;
import dev.incidentcommand.task.TaskEvent.TaskReassigned;
import dev.incidentcommand.task.TaskEvent.TaskRescheduled;
import dev.incidentcommand.task.TaskEvent.TaskStarted;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.EventDetails;
import dev.incidentcommand.timeline.EventJson;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fold alone, on timelines written by hand: each kind of event changes what its mutation changes. */
class RewindTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Impact STATED = new Impact("Checkout fails for EU", Impact.Answer.YES, Impact.Frequency.INTERMITTENT,
            Impact.Answer.NO, Impact.ImpactScope.SUBSET, "EU region");

    /** A timeline under construction: each event a minute after the one before, stored and read back as JSON. */
    private static final class Timeline {
        final List<TimelineEvent> events = new ArrayList<>();

        Timeline add(EventDetails details) {
            int sequence = events.size() + 1;
            events.add(new TimelineEvent(sequence, 7, sequence, details.eventKind(), at(sequence), 1, "-",
                    EventJson.write(details)));
            return this;
        }

        IncidentAsOf now() {
            return Rewind.replay(events, null);
        }

        IncidentAsOf upTo(int sequence) {
            return Rewind.replay(events.subList(0, sequence), null);
        }
    }

    private static Instant at(int sequence) {
        return T0.plusSeconds(60L * (sequence - 1));
    }

    private static Timeline declared() {
        return new Timeline().add(new IncidentDeclared("Checkout errors", Severity.SEV2, IncidentSource.MANUAL, "ALERT-1",
                "https://meet.example/inc", T0, null, STATED));
    }

    private static List<String> roles(IncidentAsOf state) {
        return state.participants().stream().map(p -> p.responderHandle() + ":" + p.role()).toList();
    }

    @Test
    void theDeclarationIsTheFirstState() {
        IncidentAsOf state = declared().now();
        assertThat(state.sequence()).isEqualTo(1);
        assertThat(state.at()).isEqualTo(T0);
        assertThat(state.title()).isEqualTo("Checkout errors");
        assertThat(state.severity()).isEqualTo(Severity.SEV2);
        assertThat(state.status()).isEqualTo(IncidentStatus.DECLARED);
        assertThat(state.active()).isTrue();
        assertThat(state.callUrl()).isEqualTo("https://meet.example/inc");
        assertThat(state.externalRef()).isEqualTo("ALERT-1");
        assertThat(state.impact()).isEqualTo(STATED);
        assertThat(state.commanderHandle()).isNull();
        assertThat(state.stalled()).isFalse();
        assertThat(state.tasks()).isEmpty();
        assertThat(state.participants()).isEmpty();
        assertThat(state.unansweredPages()).isEmpty();
    }

    @Test
    void aDeclarationThatDidNotRecordTheImpactTakesTheOneGiven() {
        List<TimelineEvent> old = List.of(new TimelineEvent(1, 7, 1, TimelineEventKind.INCIDENT_DECLARED,
                T0, 1, "-", "{\"title\":\"Old\",\"severity\":\"SEV3\",\"source\":\"MANUAL\",\"detectedAt\":\"2026-11-27T10:00:00Z\"}"));
        assertThat(Rewind.declaredImpact(old.get(0))).isEmpty();
        assertThat(Rewind.replay(old, STATED).impact()).isEqualTo(STATED);
        assertThat(Rewind.declaredImpact(declared().events.get(0))).contains(STATED);
    }

    @Test
    void aCommanderNamedAtDeclarationHoldsTheRoleFromThen() {
        IncidentAsOf state = declared().add(new CommanderAssigned("ann", null)).now();
        assertThat(state.commanderHandle()).isEqualTo("ann");
        assertThat(state.participants()).containsExactly(new ParticipantAsOf("ann", ParticipantRole.COMMANDER, at(2)));
    }

    @Test
    void severityImpactAndCorrectionsTakeTheirNewValues() {
        Impact worse = new Impact("Checkout fails everywhere", Impact.Answer.YES, Impact.Frequency.EVERY_TIME, Impact.Answer.NO,
                Impact.ImpactScope.ALL_USERS, null);
        Timeline timeline = declared()
                .add(new SeverityChanged(Severity.SEV2, Severity.SEV1, "all regions"))
                .add(new ImpactUpdated(STATED, worse))
                .add(new IncidentEdited("title", "Checkout errors", "Checkout down"))
                .add(new IncidentEdited("callUrl", "https://meet.example/inc", "https://meet.example/inc2"))
                .add(new IncidentEdited("externalRef", "ALERT-1", "ALERT-2"))
                .add(new UpdatePosted("u1", Audience.INTERNAL, "Looking at it"));
        IncidentAsOf state = timeline.now();
        assertThat(state.severity()).isEqualTo(Severity.SEV1);
        assertThat(state.impact()).isEqualTo(worse);
        assertThat(state.title()).isEqualTo("Checkout down");
        assertThat(state.callUrl()).isEqualTo("https://meet.example/inc2");
        assertThat(state.externalRef()).isEqualTo("ALERT-2");
        assertThat(state.sequence()).isEqualTo(7);
        assertThat(timeline.upTo(3).impact()).isEqualTo(worse);
        assertThat(timeline.upTo(3).title()).isEqualTo("Checkout errors");
        assertThat(timeline.upTo(2).impact()).isEqualTo(STATED);
    }

    @Test
    void handingOverKeepsThePreviousCommanderOnAsAResponderUnlessTheyHoldAnotherRole() {
        Timeline timeline = declared()
                .add(new CommanderAssigned("ann", "zoe"))
                .add(new ResponderJoined("bob", ParticipantRole.RESPONDER))
                .add(new CommandHandedOver("ann", "bob", "over to you"))
                .add(new ResponderJoined("ann", ParticipantRole.SCRIBE))
                .add(new CommandTaken("bob", "cat", "bob unreachable"));
        assertThat(roles(timeline.upTo(4))).containsExactly("bob:RESPONDER", "ann:RESPONDER", "bob:COMMANDER");
        IncidentAsOf state = timeline.now();
        // bob still held RESPONDER, so no second RESPONDER role; cat had no role and takes only COMMANDER.
        assertThat(roles(state)).containsExactly("bob:RESPONDER", "ann:RESPONDER", "ann:SCRIBE", "cat:COMMANDER");
        assertThat(state.commanderHandle()).isEqualTo("cat");
        assertThat(state.participants().get(3).since()).isEqualTo(at(6));
        assertThat(state.participants().get(1).since()).isEqualTo(at(4));
    }

    @Test
    void leavingEndsEveryRole() {
        IncidentAsOf state = declared()
                .add(new ResponderJoined("bob", ParticipantRole.RESPONDER))
                .add(new ResponderJoined("bob", ParticipantRole.SCRIBE))
                .add(new ResponderJoined("cat", ParticipantRole.SUBJECT_MATTER_EXPERT))
                .add(new ResponderLeft("bob"))
                .now();
        assertThat(roles(state)).containsExactly("cat:SUBJECT_MATTER_EXPERT");
    }

    @Test
    void resolvingEndsEveryRoleAndReopeningFromResolvedBringsOnlyTheCommanderBack() {
        Timeline timeline = declared()
                .add(new CommanderAssigned("ann", "zoe"))
                .add(new ResponderJoined("bob", ParticipantRole.RESPONDER))
                .add(new StatusChanged(IncidentStatus.DECLARED, IncidentStatus.MONITORING, null, at(4).plusSeconds(900), null, null))
                .add(new IncidentReopened(IncidentStatus.MONITORING, IncidentStatus.MITIGATING, "came back", null))
                .add(new StatusChanged(IncidentStatus.MITIGATING, IncidentStatus.RESOLVED, "done", null, true, null))
                .add(new IncidentReopened(IncidentStatus.RESOLVED, IncidentStatus.INVESTIGATING, "recurred", true));
        assertThat(roles(timeline.upTo(5))).containsExactly("ann:COMMANDER", "bob:RESPONDER");
        assertThat(timeline.upTo(5).status()).isEqualTo(IncidentStatus.MITIGATING);
        IncidentAsOf resolved = timeline.upTo(6);
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.active()).isFalse();
        assertThat(resolved.participants()).isEmpty();
        assertThat(resolved.commanderHandle()).isEqualTo("ann");
        IncidentAsOf reopened = timeline.now();
        assertThat(reopened.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(reopened.participants()).containsExactly(new ParticipantAsOf("ann", ParticipantRole.COMMANDER, at(7)));
    }

    @Test
    void reopeningWithoutACommanderBringsNobodyBack() {
        IncidentAsOf state = declared()
                .add(new StatusChanged(IncidentStatus.DECLARED, IncidentStatus.RESOLVED, "false alarm", null, true, null))
                .add(new IncidentReopened(IncidentStatus.RESOLVED, IncidentStatus.INVESTIGATING, "not false", null))
                .now();
        assertThat(state.participants()).isEmpty();
        assertThat(state.commanderHandle()).isNull();
    }

    @Test
    void pagesStayUnansweredUntilThePagedResponderJoinsOrTakesCommand() {
        Timeline timeline = declared()
                .add(new ResponderPaged("bob", "owns checkout"))
                .add(new ResponderPaged("cat", null))
                .add(new ResponderPaged("dan", null))
                .add(new PageUnanswered("bob", at(2), at(3), "zoe"))
                .add(new ResponderJoined("bob", ParticipantRole.SUBJECT_MATTER_EXPERT))
                .add(new CommanderAssigned("cat", "zoe"));
        assertThat(timeline.upTo(5).unansweredPages()).extracting(IncidentAsOf.PageAsOf::responderHandle)
                .containsExactly("bob", "cat", "dan");
        assertThat(timeline.upTo(5).unansweredPages().get(0)).isEqualTo(new IncidentAsOf.PageAsOf("bob", at(2), "owns checkout"));
        assertThat(timeline.now().unansweredPages()).extracting(IncidentAsOf.PageAsOf::responderHandle).containsExactly("dan");
    }

    @Test
    void tasksMoveThroughEveryTransition() {
        Instant due = T0.plusSeconds(3600);
        Instant later = T0.plusSeconds(7200);
        Timeline timeline = declared()
                .add(new TaskCreated("T1", TaskKind.MITIGATION, "Roll back", "bob", due))                // 2
                .add(new TaskCreated("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "cat", null))    // 3
                .add(new TaskAcknowledged("T1", TaskKind.MITIGATION, "Roll back", "bob"))                // 4
                .add(new TaskStarted("T1", TaskKind.MITIGATION, "Roll back", "bob", due, null, null))    // 5
                .add(new TaskReassigned("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "dan", "cat", "cat is off")) // 6
                .add(new TaskStarted("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "dan", later, null, null)) // 7
                .add(new TaskRescheduled("T1", TaskKind.MITIGATION, "Roll back", "bob", due, later, "slow"))     // 8
                .add(new TaskCompleted("T1", TaskKind.MITIGATION, "Roll back", "bob", null, "rolled back"))       // 9
                .add(new MitigationOutcomeRecorded("T1", TaskKind.MITIGATION, "Roll back", MitigationOutcome.EFFECTIVE, null, "graphs"))
                .add(new TaskCancelled("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "not needed"))          // 11
                .add(new TaskReassigned("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "eve", "dan", null));  // 12 (never happens live: refused)
        assertThat(timeline.upTo(2).tasks()).containsExactly(
                new TaskAsOf("T1", TaskKind.MITIGATION, "Roll back", "bob", TaskStatus.ASSIGNED, due, null, null));
        assertThat(timeline.upTo(5).tasks().get(0).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(timeline.upTo(6).tasks().get(1)).isEqualTo(
                new TaskAsOf("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "dan", TaskStatus.ASSIGNED, null, null, null));
        assertThat(timeline.upTo(7).tasks().get(1).dueAt()).isEqualTo(later);
        assertThat(timeline.upTo(8).tasks().get(0).dueAt()).isEqualTo(later);
        assertThat(timeline.upTo(9).tasks().get(0)).isEqualTo(
                new TaskAsOf("T1", TaskKind.MITIGATION, "Roll back", "bob", TaskStatus.DONE, later, null, "rolled back"));
        assertThat(timeline.upTo(10).tasks().get(0).outcome()).isEqualTo(MitigationOutcome.EFFECTIVE);
        assertThat(timeline.upTo(11).tasks().get(1)).isEqualTo(
                new TaskAsOf("T2", TaskKind.INFORMATION_GATHERING, "Read logs", "dan", TaskStatus.CANCELLED, later, null, "not needed"));
        assertThat(timeline.upTo(11).tasks()).extracting(TaskAsOf::id).containsExactly("T1", "T2");
    }

    @Test
    void startingKeepsTheExpectedTimeWhenTheEventCarriesNone() {
        Instant due = T0.plusSeconds(3600);
        IncidentAsOf state = declared()
                .add(new TaskCreated("T1", TaskKind.COORDINATION, "Run the call", "bob", due))
                .add(new TaskStarted("T1", TaskKind.COORDINATION, "Run the call", "bob", null, null, null))
                .now();
        assertThat(state.tasks().get(0).dueAt()).isEqualTo(due);
        assertThat(state.tasks().get(0).status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void stallsComeAndGoWithTheirEvents() {
        Timeline timeline = declared()
                .add(new IncidentStalled(T0, 0))
                .add(new IncidentUnstalled(120, IncidentStatus.INVESTIGATING));
        assertThat(timeline.upTo(1).stalled()).isFalse();
        assertThat(timeline.upTo(2).stalled()).isTrue();
        assertThat(timeline.now().stalled()).isFalse();
    }

    @Test
    void aTimelineWithAGapOrWithoutItsDeclarationIsRefused() {
        Timeline timeline = declared().add(new SeverityChanged(Severity.SEV2, Severity.SEV3, "less"))
                .add(new SeverityChanged(Severity.SEV3, Severity.SEV4, "less"));
        assertThatThrownBy(() -> Rewind.replay(List.of(timeline.events.get(0), timeline.events.get(2)), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rewind.replay(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        TimelineEvent severity = timeline.events.get(1);
        TimelineEvent misplaced = new TimelineEvent(1, 7, 1, severity.kind(), severity.at(), 1, "-", severity.detailsJson());
        assertThatThrownBy(() -> Rewind.replay(List.of(misplaced), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
