package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of good command through the GraphQL API, with time moved by the test. The sweeper is
 * run by the test right after moving time (its own schedule is set to an hour).
 */
@Import(MovableClock.Configuration.class)
@TestPropertySource(properties = "incident-command.discipline.sweep-interval=1h")
class CommandDisciplineTest extends IntegrationTest {

    @Autowired
    MovableClock clock;

    @Autowired
    DisciplineSweeper sweeper;

    private void pass(Duration time) {
        clock.advance(time);
        sweeper.sweep().block(Duration.ofSeconds(30));
    }

    private static long count(List<String> kinds, String kind) {
        return kinds.stream().filter(kind::equals).count();
    }


    // 1. The commander does not mitigate.

    @Test
    void commanderCannotBeGivenAMitigation() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 1: no mitigating IC", "SEV2", "alice");
        assertThat(errorCodes(alice, "createTask", Map.of("incidentId", key, "kind", "MITIGATION", "title", "Roll back",
                "assignee", "alice"))).containsExactly("COMMANDER_CANNOT_MITIGATE");
        String rollback = createTask(alice, key, "MITIGATION", "Roll back", "bob");
        assertThat(errorCodes(alice, "reassignTask", Map.of("taskId", rollback, "assignee", "alice")))
                .containsExactly("COMMANDER_CANNOT_MITIGATE");
        // Other work and stakeholder updates are the commander's to do.
        createTask(alice, key, "INTERNAL_COMMS", "Brief leadership", "alice");
        assertThat(errorCodes(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", "Rollback under way")))
                .isEmpty();
    }

    @Test
    void commandCannotPassToSomeoneHoldingAMitigation() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 1: handover guard", "SEV2", "alice");
        String rollback = createTask(alice, key, "MITIGATION", "Scale out the API", "bob");
        assertThat(errorCodes(alice, "handOverCommand", Map.of("incidentId", key, "to", "bob")))
                .containsExactly("COMMANDER_CANNOT_MITIGATE");
        mutate(alice, "reassignTask", Map.of("taskId", rollback, "assignee", "carol"), "task { id }");
        mutate(alice, "handOverCommand", Map.of("incidentId", key, "to", "bob", "notes", "Carol owns the scale-out"),
                "incident { commander { handle } }")
                .path("handOverCommand.incident.commander.handle").entity(String.class).isEqualTo("bob");
        String other = declare(alice, "Rule 1: assign guard", "SEV3");
        createTask(alice, other, "MITIGATION", "Restart workers", "dave");
        assertThat(errorCodes(alice, "assignCommander", Map.of("incidentId", other, "commander", "dave")))
                .containsExactly("COMMANDER_CANNOT_MITIGATE");
    }

    // 2. Delegation needs acknowledgement.

    @Test
    void unacknowledgedDelegationIsRemindedOncePerInterval() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 2: reminders", "SEV4", "alice");
        String logs = createTask(alice, key, "INFORMATION_GATHERING", "Pull the gateway logs", "bob");
        pass(Duration.ofMinutes(4));
        assertThat(count(timelineKinds(alice, key), "DELEGATION_UNACKNOWLEDGED")).isZero();
        pass(Duration.ofMinutes(1));
        sweeper.sweep().block();
        assertThat(count(timelineKinds(alice, key), "DELEGATION_UNACKNOWLEDGED")).isEqualTo(1);
        pass(Duration.ofMinutes(5));
        assertThat(count(timelineKinds(alice, key), "DELEGATION_UNACKNOWLEDGED")).isEqualTo(2);
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", logs), "task { status }");
        pass(Duration.ofMinutes(15));
        assertThat(count(timelineKinds(alice, key), "DELEGATION_UNACKNOWLEDGED")).isEqualTo(2);
        alice.documentName("timeline").variable("id", key).variable("first", 100).execute()
                .path("incident.timeline.edges[?(@.node.kind == 'DELEGATION_UNACKNOWLEDGED')].node.actor.handle")
                .entityList(String.class).containsExactly("incident-command", "incident-command");
    }

    // 3. One mitigation at a time.

    @Test
    void oneMitigationAtATime() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        GraphQlTester carol = as("carol");
        String key = declareCommandedBy(as("alice"), "Rule 3: serialized mitigations", "SEV2", "alice");
        String rollback = createTask(alice, key, "MITIGATION", "Roll back release 41", "bob");
        String flag = createTask(alice, key, "MITIGATION", "Disable the new-cart flag", "carol");
        mutate(bob, "startTask", Map.of("taskId", rollback), "task { status }");
        assertThat(errorCodes(carol, "startTask", Map.of("taskId", flag))).containsExactly("MITIGATION_IN_PROGRESS");

        mutate(bob, "completeTask", Map.of("taskId", rollback), "task { status }");
        assertThat(errorCodes(carol, "startTask", Map.of("taskId", flag))).containsExactly("MITIGATION_SETTLING");
        mutate(alice, "recordMitigationOutcome", Map.of("taskId", rollback, "outcome", "INEFFECTIVE",
                "evidence", "Error rate unchanged 5 minutes after"), "task { outcome }")
                .path("recordMitigationOutcome.task.outcome").entity(String.class).isEqualTo("INEFFECTIVE");
        mutate(carol, "startTask", Map.of("taskId", flag), "task { status }");

        // Without a recorded outcome, the settle interval lets the next one start.
        mutate(carol, "completeTask", Map.of("taskId", flag), "task { status }");
        String scale = createTask(alice, key, "MITIGATION", "Add two API nodes", "dave");
        assertThat(errorCodes(as("dave"), "startTask", Map.of("taskId", scale))).containsExactly("MITIGATION_SETTLING");
        clock.advance(Duration.ofMinutes(5));
        mutate(as("dave"), "startTask", Map.of("taskId", scale), "task { status }");
    }

    @Test
    void sev1MayOverrideOneMitigationAtATimeWithAReason() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 3: SEV1 override", "SEV2", "alice");
        String first = createTask(alice, key, "MITIGATION", "Fail over the database", "bob");
        String second = createTask(alice, key, "MITIGATION", "Shed batch traffic", "carol");
        mutate(as("bob"), "startTask", Map.of("taskId", first), "task { status }");
        assertThat(errorCodes(as("carol"), "startTask", Map.of("taskId", second, "overrideReason", "Losing orders")))
                .containsExactly("OVERRIDE_NOT_ALLOWED");

        mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "All checkouts failing"),
                "incident { severity }");
        mutate(as("carol"), "startTask", Map.of("taskId", second, "overrideReason", "Losing orders every minute"),
                "task { status overrideReason }")
                .path("startTask.task.status").entity(String.class).isEqualTo("IN_PROGRESS")
                .path("startTask.task.overrideReason").entity(String.class).isEqualTo("Losing orders every minute");
        alice.documentName("timeline").variable("id", key).variable("first", 100).execute()
                .path("incident.timeline.edges[-1].node.kind").entity(String.class).isEqualTo("TASK_STARTED")
                .path("incident.timeline.edges[-1].node.details.override").entity(Boolean.class).isEqualTo(true)
                .path("incident.timeline.edges[-1].node.details.overrideReason").entity(String.class)
                .isEqualTo("Losing orders every minute");
    }

    // 4. Always be doing something.

    @Test
    void incidentWithNobodyWorkingIsStalledAndRecovers() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 4: stalls", "SEV3", "alice");
        String stalled = "query($id: ID!) { incident(id: $id) { stalled stalledSince } }";
        alice.document(stalled).variable("id", key).execute().path("incident.stalled").entity(Boolean.class).isEqualTo(false);
        pass(Duration.ofMinutes(2));
        alice.document(stalled).variable("id", key).execute()
                .path("incident.stalled").entity(Boolean.class).isEqualTo(true)
                .path("incident.stalledSince").hasValue();

        String look = createTask(alice, key, "INFORMATION_GATHERING", "Check the deploy log", "bob");
        alice.document(stalled).variable("id", key).execute().path("incident.stalled").entity(Boolean.class).isEqualTo(true);
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", look), "task { status }");
        alice.document(stalled).variable("id", key).execute().path("incident.stalled").entity(Boolean.class).isEqualTo(false);

        // Work running out stalls it again once the grace has passed since the work stopped.
        mutate(as("bob"), "completeTask", Map.of("taskId", look, "resolution", "Nothing deployed"), "task { status }");
        alice.document(stalled).variable("id", key).execute().path("incident.stalled").entity(Boolean.class).isEqualTo(false);
        pass(Duration.ofMinutes(2));
        alice.document(stalled).variable("id", key).execute().path("incident.stalled").entity(Boolean.class).isEqualTo(true);
        List<String> kinds = timelineKinds(alice, key);
        assertThat(kinds.stream().filter(k -> k.startsWith("INCIDENT_") && k.endsWith("STALLED")).toList())
                .containsExactly("INCIDENT_STALLED", "INCIDENT_UNSTALLED", "INCIDENT_STALLED");
    }

    // 5. Regular check-ins and expected times.

    @Test
    void missedCheckInIsRecordedOncePerCadenceAndAnInternalUpdateResetsIt() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 5: check-ins", "SEV2", "alice");
        String checkIn = "query($id: ID!) { incident(id: $id) { nextCheckInDue checkInOverdue lastCheckInAt } }";
        Instant due = alice.document(checkIn).variable("id", key).execute().path("incident.nextCheckInDue").entity(Instant.class).get();
        assertThat(due).isBetween(clock.instant().plus(Duration.ofMinutes(29)), clock.instant().plus(Duration.ofMinutes(31)));

        pass(Duration.ofMinutes(29));
        assertThat(count(timelineKinds(alice, key), "CHECK_IN_MISSED")).isZero();
        pass(Duration.ofMinutes(1));
        sweeper.sweep().block();
        assertThat(count(timelineKinds(alice, key), "CHECK_IN_MISSED")).isEqualTo(1);
        // Overdue it stays, until someone checks in; the miss is recorded again once per cadence.
        alice.document(checkIn).variable("id", key).execute()
                .path("incident.checkInOverdue").entity(Boolean.class).isEqualTo(true)
                .path("incident.nextCheckInDue").entity(Instant.class).isEqualTo(due);
        sweeper.sweep().block();
        assertThat(count(timelineKinds(alice, key), "CHECK_IN_MISSED")).isEqualTo(1);

        // A customer notice is not a check-in; an internal update is.
        mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "EXTERNAL", "body", "We are investigating."), "update { id }");
        pass(Duration.ofMinutes(30));
        assertThat(count(timelineKinds(alice, key), "CHECK_IN_MISSED")).isEqualTo(2);
        mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL",
                "body", "Impact unchanged; rollback in progress, ETA 10 minutes."), "update { id }");
        alice.document(checkIn).variable("id", key).execute()
                .path("incident.checkInOverdue").entity(Boolean.class).isEqualTo(false)
                .path("incident.nextCheckInDue").entity(Instant.class)
                .satisfies(next -> assertThat(next).isAfter(clock.instant().plus(Duration.ofMinutes(29))));
        pass(Duration.ofMinutes(29));
        assertThat(count(timelineKinds(alice, key), "CHECK_IN_MISSED")).isEqualTo(2);
    }

    @Test
    void taskPastItsExpectedTimeIsReportedOverdueOnce() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 5: overdue tasks", "SEV4", "alice");
        String dueAt = clock.instant().plus(Duration.ofMinutes(10)).toString();
        String fix = mutate(alice, "createTask", Map.of("incidentId", key, "kind", "INFORMATION_GATHERING",
                "title", "Find the bad query", "assignee", "bob", "dueAt", dueAt), "task { id }")
                .path("createTask.task.id").entity(String.class).get();
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", fix), "task { status }");
        pass(Duration.ofMinutes(11));
        pass(Duration.ofMinutes(1));
        assertThat(count(timelineKinds(alice, key), "TASK_OVERDUE")).isEqualTo(1);
        alice.document("query($id: ID!) { incident(id: $id) { tasks { overdue } sitrep { overdue { title } } } }")
                .variable("id", key).execute()
                .path("incident.tasks[0].overdue").entity(Boolean.class).isEqualTo(true)
                .path("incident.sitrep.overdue[0].title").entity(String.class).isEqualTo("Find the bad query");

        // A new expected time can be missed again.
        mutate(as("bob"), "startTask", Map.of("taskId", fix, "dueAt", clock.instant().plus(Duration.ofMinutes(5)).toString()),
                "task { status }");
        pass(Duration.ofMinutes(6));
        assertThat(count(timelineKinds(alice, key), "TASK_OVERDUE")).isEqualTo(2);
    }

    @Test
    void sitrepReadsOutImpactWorkAndCheckIns() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 5: sitrep", "SEV2", "alice");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("summary", "Logins fail for 30% of users",
                "scope", "SUBSET", "affectedUsers", "EU")), "incident { key }");
        String rollback = createTask(alice, key, "MITIGATION", "Roll back auth service", "bob");
        createTask(alice, key, "INFORMATION_GATHERING", "Check IdP status page", "carol");
        mutate(as("bob"), "startTask", Map.of("taskId", rollback,
                "dueAt", clock.instant().plus(Duration.ofMinutes(15)).toString()), "task { status }");
        alice.document("""
                        query($id: ID!) { incident(id: $id) { sitrep {
                          severity status commander { handle } impact { summary }
                          inProgress { title assignee { handle } dueAt } unacknowledged { title assignee { handle } }
                          stalled nextCheckInDue checkInOverdue text } } }""")
                .variable("id", key).execute()
                .path("incident.sitrep.commander.handle").entity(String.class).isEqualTo("alice")
                .path("incident.sitrep.inProgress[*].title").entityList(String.class).containsExactly("Roll back auth service")
                .path("incident.sitrep.unacknowledged[*].assignee.handle").entityList(String.class).containsExactly("carol")
                .path("incident.sitrep.stalled").entity(Boolean.class).isEqualTo(false)
                .path("incident.sitrep.nextCheckInDue").hasValue()
                .path("incident.sitrep.text").entity(String.class).satisfies(text -> assertThat(text)
                        .contains(key + " – SEV2").contains("Commander: alice")
                        .contains("Logins fail for 30% of users").contains("\"Roll back auth service\" – bob, expected by")
                        .contains("Not yet acknowledged: \"Check IdP status page\" – carol")
                        .contains("Next check-in due"));
    }

    // 6. Rotation.

    @Test
    void handOverKeepsCommandHistoryAndLongStaysAreFlaggedForRelief() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 6: rotation", "SEV3", "alice");
        mutate(as("bob"), "joinIncident", Map.of("incidentId", key), "participation { role }");
        pass(Duration.ofHours(3));
        mutate(alice, "handOverCommand", Map.of("incidentId", key, "to", "carol", "notes", "Night shift takes over"),
                "incident { key }");
        pass(Duration.ofHours(1));
        List<String> kinds = timelineKinds(alice, key);
        assertThat(count(kinds, "RELIEF_SUGGESTED")).as("alice and bob, 4 h on the incident").isEqualTo(2);
        pass(Duration.ofMinutes(30));
        assertThat(count(timelineKinds(alice, key), "RELIEF_SUGGESTED")).isEqualTo(2);

        alice.document("""
                        query($id: ID!) { incident(id: $id) {
                          commandHistory { responder { handle } since until }
                          participants { role dueForRelief responder { handle } } } }""")
                .variable("id", key).execute()
                .path("incident.commandHistory[*].responder.handle").entityList(String.class).containsExactly("alice", "carol")
                .path("incident.commandHistory[0].until").hasValue()
                .path("incident.commandHistory[1].until").valueIsNull()
                .path("incident.participants[?(@.responder.handle == 'bob')].dueForRelief").entityList(Boolean.class)
                .containsExactly(true)
                .path("incident.participants[?(@.responder.handle == 'carol')].dueForRelief").entityList(Boolean.class)
                .containsExactly(false);
    }

    // 7. Monitor after mitigation.

    @Test
    void monitoringWindowMustPassBeforeResolvingUnlessAReasonIsGiven() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 7: monitoring", "SEV3", "alice");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { monitoringUntil }")
                .path("changeStatus.incident.monitoringUntil").entity(Instant.class)
                .satisfies(until -> assertThat(until).isBetween(clock.instant().plus(Duration.ofMinutes(14)),
                        clock.instant().plus(Duration.ofMinutes(16))));
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED")))
                .containsExactly("MONITORING_WINDOW_OPEN");
        pass(Duration.ofMinutes(15));
        pass(Duration.ofMinutes(1));
        assertThat(count(timelineKinds(alice, key), "MONITORING_WINDOW_ENDED")).isEqualTo(1);
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED"), "incident { status }");

        String early = declareCommandedBy(as("alice"), "Rule 7: early resolution", "SEV3", "alice");
        mutate(alice, "changeStatus", Map.of("incidentId", early, "status", "MONITORING", "monitoringWindowMinutes", 60),
                "incident { key }");
        mutate(alice, "changeStatus", Map.of("incidentId", early, "status", "RESOLVED", "reason", "Customer confirmed the fix"),
                "incident { status }");
        alice.documentName("timeline").variable("id", early).execute()
                .path("incident.timeline.edges[-1].node.details.early").entity(Boolean.class).isEqualTo(true)
                .path("incident.timeline.edges[-1].node.details.reason").entity(String.class).isEqualTo("Customer confirmed the fix");
    }

    @Test
    void recurrenceReopensTheIncident() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 7: recurrence", "SEV2", "alice");
        assertThat(errorCodes(alice, "reportRecurrence", Map.of("incidentId", key, "description", "x")))
                .containsExactly("INVALID_STATUS_TRANSITION");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { key }");
        mutate(as("bob"), "reportRecurrence", Map.of("incidentId", key, "description", "5xx spiking again in eu-west"),
                "incident { status monitoringUntil }")
                .path("reportRecurrence.incident.status").entity(String.class).isEqualTo("INVESTIGATING")
                .path("reportRecurrence.incident.monitoringUntil").valueIsNull();
        alice.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[-1].node.kind").entity(String.class).isEqualTo("INCIDENT_REOPENED")
                .path("incident.timeline.edges[-1].node.details.recurrence").entity(Boolean.class).isEqualTo(true);

        // A repeated alert while monitoring is a recurrence too.
        Map<String, Object> alert = Map.of("title", "Disk latency", "severity", "SEV3", "source", "ALERT", "externalRef", "disk-" + key);
        String alerted = alice.documentName("declareIncident").variable("input", alert).execute()
                .path("declareIncident.incident.key").entity(String.class).get();
        mutate(alice, "changeStatus", Map.of("incidentId", alerted, "status", "MONITORING"), "incident { key }");
        alice.documentName("declareIncident").variable("input", alert).execute()
                .path("declareIncident.deduplicated").entity(Boolean.class).isEqualTo(true)
                .path("declareIncident.incident.status").entity(String.class).isEqualTo("INVESTIGATING");
        assertThat(timelineKinds(alice, alerted)).endsWith("ALERT_REPEATED", "INCIDENT_REOPENED");
    }

    // 8. Memorialize.

    @Test
    void metricsAndPostmortemAreBuiltFromTheRecord() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(as("alice"), "Rule 8: memorialize", "SEV2", "alice");
        String rollback = createTask(alice, key, "MITIGATION", "Roll back release 7", "bob");
        mutate(as("bob"), "startTask", Map.of("taskId", rollback), "task { id }");
        clock.advance(Duration.ofMinutes(12));
        mutate(as("bob"), "completeTask", Map.of("taskId", rollback, "outcome", "EFFECTIVE"), "task { id }");
        mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV3", "reason", "Only retries affected"), "incident { key }");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { key }");
        mutate(alice, "handOverCommand", Map.of("incidentId", key, "to", "carol"), "incident { key }");
        clock.advance(Duration.ofMinutes(15));
        mutate(as("carol"), "changeStatus", Map.of("incidentId", key, "status", "RESOLVED"), "incident { key }");

        alice.document("""
                        query($id: ID!) { incident(id: $id) {
                          metrics { timeToAcknowledgeSeconds timeToMitigateSeconds timeToResolveSeconds
                                    mitigationsTried mitigationsEffective commanderHandovers reopenings }
                          postmortem } }""")
                .variable("id", key).execute()
                .path("incident.metrics.timeToAcknowledgeSeconds").entity(Integer.class).satisfies(s -> assertThat(s).isLessThan(5))
                .path("incident.metrics.timeToMitigateSeconds").entity(Integer.class).satisfies(s -> assertThat(s).isBetween(720, 760))
                .path("incident.metrics.timeToResolveSeconds").entity(Integer.class).satisfies(s -> assertThat(s).isBetween(1620, 1660))
                .path("incident.metrics.mitigationsTried").entity(Integer.class).isEqualTo(1)
                .path("incident.metrics.mitigationsEffective").entity(Integer.class).isEqualTo(1)
                .path("incident.metrics.commanderHandovers").entity(Integer.class).isEqualTo(1)
                .path("incident.metrics.reopenings").entity(Integer.class).isEqualTo(0)
                .path("incident.postmortem").entity(String.class).satisfies(md -> assertThat(md)
                        .startsWith("# Postmortem: " + key + " – Rule 8: memorialize")
                        .contains("## Impact", "## Severity history", "SEV2 → SEV3 by alice: Only retries affected",
                                "## Mitigations", "| Roll back release 7 | bob |", "| EFFECTIVE |",
                                "## Who held which role", "| alice | COMMANDER |", "| carol | COMMANDER |",
                                "## Timeline", "**INCIDENT_DECLARED**", "**COMMAND_HANDED_OVER**", "## Follow-ups"));
    }
}
