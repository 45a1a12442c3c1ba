package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of command hold on every path a responder can take, and a commander can correct the
 * record. Each test walks one path through the GraphQL API; time is moved by the test and the
 * sweeper run right after (its own schedule is set to an hour).
 */
@Import(MovableClock.Configuration.class)
@TestPropertySource(properties = "incident-command.discipline.sweep-interval=1h")
class RulesOnEveryPathTest extends IntegrationTest {

    @Autowired
    MovableClock clock;

    @Autowired
    DisciplineSweeper sweeper;

    private void pass(Duration time) {
        clock.advance(time);
        sweeper.sweep().block(Duration.ofSeconds(30));
    }

    private static long count(GraphQlTester as, String incident, String kind) {
        return timelineKinds(as, incident).stream().filter(kind::equals).count();
    }

    private static GraphQlTester.Response timeline(GraphQlTester as, String incident) {
        return as.documentName("timeline").variable("id", incident).variable("first", 100).execute();
    }

    // Loopholes

    @Test
    void aMitigationCompletedWithoutBeingStartedCannotOverlapTheOneInProgress() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        GraphQlTester carol = as("carol");
        String key = declareCommandedBy(alice, "Paths: overlapping mitigations", "SEV2", "alice");
        String failover = createTask(alice, key, "MITIGATION", "Fail over the database", "carol");
        String purge = createTask(alice, key, "MITIGATION", "Purge the CDN", "bob");
        mutate(carol, "startTask", Map.of("taskId", failover), "task { id }");
        mutate(bob, "acknowledgeTask", Map.of("taskId", purge), "task { id }");

        assertThat(errorCodes(bob, "completeTask", Map.of("taskId", purge, "outcome", "EFFECTIVE")))
                .containsExactly("MITIGATION_IN_PROGRESS");

        mutate(carol, "completeTask", Map.of("taskId", failover, "outcome", "INEFFECTIVE"), "task { id }");
        mutate(bob, "completeTask", Map.of("taskId", purge, "outcome", "EFFECTIVE"), "task { status startedAt finishedAt }")
                .path("completeTask.task.status").entity(String.class).isEqualTo("DONE")
                .path("completeTask.task.startedAt").entity(Instant.class).satisfies(started -> assertThat(started).isNotNull());
        alice.document("query($id: ID!) { incident(id: $id) { metrics { mitigationsTried mitigationsEffective } } }")
                .variable("id", key).execute()
                .path("incident.metrics.mitigationsTried").entity(Integer.class).isEqualTo(2)
                .path("incident.metrics.mitigationsEffective").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void onlyTheCommanderHandsOverAndTakingCommandIsRecordedWithItsReason() {
        GraphQlTester alice = as("alice");
        GraphQlTester dave = as("dave");
        String key = declareCommandedBy(alice, "Paths: command changes hands", "SEV2", "alice");

        assertThat(errorCodes(dave, "handOverCommand", Map.of("incidentId", key, "to", "dave"))).containsExactly("NOT_COMMANDER");
        assertThat(errorCodes(dave, "takeCommand", Map.of("incidentId", key, "reason", " "))).containsExactly("BLANK");
        mutate(dave, "takeCommand", Map.of("incidentId", key, "reason", "alice unreachable for 20 minutes"),
                "incident { commander { handle } }")
                .path("takeCommand.incident.commander.handle").entity(String.class).isEqualTo("dave");
        timeline(alice, key)
                .path("incident.timeline.edges[-1].node.kind").entity(String.class).isEqualTo("COMMAND_TAKEN")
                .path("incident.timeline.edges[-1].node.actor.handle").entity(String.class).isEqualTo("dave")
                .path("incident.timeline.edges[-1].node.summary").entity(String.class)
                .isEqualTo("dave took command from alice: alice unreachable for 20 minutes");

        mutate(dave, "handOverCommand", Map.of("incidentId", key, "to", "erin", "notes", "Failover done; watch replication lag."),
                "incident { key }");
        alice.document("""
                        query($id: ID!) { incident(id: $id) {
                          commandHistory { responder { handle } handoverNotes until }
                          participants { responder { handle } role }
                          metrics { commanderHandovers } } }""")
                .variable("id", key).execute()
                .path("incident.commandHistory[*].responder.handle").entityList(String.class).containsExactly("alice", "dave", "erin")
                .path("incident.commandHistory[1].handoverNotes").entity(String.class).isEqualTo("alice unreachable for 20 minutes")
                .path("incident.commandHistory[2].handoverNotes").entity(String.class).isEqualTo("Failover done; watch replication lag.")
                .path("incident.commandHistory[2].until").valueIsNull()
                .path("incident.participants[?(@.role == 'RESPONDER')].responder.handle").entityList(String.class)
                .contains("alice", "dave").hasSize(2)
                .path("incident.metrics.commanderHandovers").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void customersHearOnlyFromTheCommanderOrWhoeverAcknowledgedTheCustomerCommsTask() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        String key = declareCommandedBy(alice, "Paths: one voice to customers", "SEV2", "alice");
        Map<String, Object> external = Map.of("incidentId", key, "audience", "EXTERNAL", "body", "We are looking into slow checkouts.");

        assertThat(errorCodes(as("mallory"), "postUpdate", external)).containsExactly("NOT_SPOKESPERSON");
        assertThat(errorCodes(as("mallory"), "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL",
                "body", "Seeing checkout timeouts from the EU"))).isEmpty();
        String comms = createTask(alice, key, "CUSTOMER_COMMS", "Keep the status page current", "bob");
        assertThat(errorCodes(bob, "postUpdate", external)).containsExactly("NOT_SPOKESPERSON");
        mutate(bob, "acknowledgeTask", Map.of("taskId", comms), "task { id }");
        assertThat(errorCodes(bob, "postUpdate", external)).isEmpty();
        assertThat(errorCodes(alice, "postUpdate", external)).isEmpty();
        alice.document("query($id: ID!) { incident(id: $id) { updates { audience author { handle } } } }").variable("id", key)
                .execute().path("incident.updates[?(@.audience == 'EXTERNAL')].author.handle").entityList(String.class)
                .containsExactly("bob", "alice");
    }

    @Test
    void onlyTheMitigationsAssigneeOrTheCommanderJudgesItAndTheSameJudgementTwiceIsNoChange() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        String key = declareCommandedBy(alice, "Paths: judging outcomes", "SEV3", "alice");
        String restart = createTask(alice, key, "MITIGATION", "Restart the payment workers", "bob");
        mutate(bob, "startTask", Map.of("taskId", restart), "task { id }");
        mutate(bob, "completeTask", Map.of("taskId", restart), "task { id }");

        Map<String, Object> ineffective = Map.of("taskId", restart, "outcome", "INEFFECTIVE");
        assertThat(errorCodes(as("mallory"), "recordMitigationOutcome", ineffective)).containsExactly("NOT_ASSIGNEE");
        assertThat(errorCodes(bob, "recordMitigationOutcome", ineffective)).isEmpty();
        assertThat(errorCodes(bob, "recordMitigationOutcome", ineffective)).containsExactly("NO_CHANGE");
        assertThat(errorCodes(alice, "recordMitigationOutcome", Map.of("taskId", restart, "outcome", "EFFECTIVE",
                "evidence", "Error rate back to baseline"))).isEmpty();
        timeline(alice, key).path("incident.timeline.edges[-1].node.summary").entity(String.class)
                .isEqualTo("alice judged \"Restart the payment workers\": EFFECTIVE (was INEFFECTIVE) – Error rate back to baseline");
        assertThat(count(alice, key, "MITIGATION_OUTCOME_RECORDED")).isEqualTo(2);
    }

    @Test
    void resolvingWithWorkOpenNeedsAReasonAndRecordsTheWorkLeftOpen() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: resolving with work open", "SEV3", "alice");
        String drain = createTask(alice, key, "MITIGATION", "Drain the bad node", "bob");
        mutate(as("bob"), "startTask", Map.of("taskId", drain), "task { id }");
        createTask(alice, key, "INFORMATION_GATHERING", "Collect heap dumps", "carol");
        String acknowledged = createTask(alice, key, "INTERNAL_COMMS", "Brief support", "dave");
        mutate(as("dave"), "acknowledgeTask", Map.of("taskId", acknowledged), "task { id }");

        alice.document("mutation($input: ChangeStatusInput!) { changeStatus(input: $input) { incident { status } userErrors { code message } } }")
                .variable("input", Map.of("incidentId", key, "status", "RESOLVED")).execute()
                .path("changeStatus.incident").valueIsNull()
                .path("changeStatus.userErrors[0].code").entity(String.class).isEqualTo("OPEN_WORK")
                .path("changeStatus.userErrors[0].message").entity(String.class).satisfies(message -> assertThat(message)
                        .contains("\"Drain the bad node\" (mitigation, bob, in progress)")
                        .contains("\"Collect heap dumps\" (information-gathering, carol, not acknowledged)")
                        .doesNotContain("Brief support"));

        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Impact over; the rest is cleanup"),
                "incident { status }");
        timeline(alice, key)
                .path("incident.timeline.edges[-1].node.kind").entity(String.class).isEqualTo("STATUS_CHANGED")
                .path("incident.timeline.edges[-1].node.details.openWork").entityList(String.class).hasSize(2)
                .path("incident.timeline.edges[-1].node.details.reason").entity(String.class).isEqualTo("Impact over; the rest is cleanup");
    }

    @Test
    void nobodyLeavesWhileWorkingOnATaskUntilItIsReassigned() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        String key = declareCommandedBy(alice, "Paths: leaving with work", "SEV3", "alice");
        mutate(bob, "joinIncident", Map.of("incidentId", key), "participation { role }");
        String depth = createTask(alice, key, "INFORMATION_GATHERING", "Check the queue depth", "bob");
        mutate(bob, "startTask", Map.of("taskId", depth), "task { id }");

        assertThat(errorCodes(bob, "leaveIncident", Map.of("incidentId", key))).containsExactly("OPEN_WORK");
        mutate(alice, "reassignTask", Map.of("taskId", depth, "assignee", "carol", "reason", "bob is off shift"), "task { id }");
        assertThat(errorCodes(bob, "leaveIncident", Map.of("incidentId", key))).isEmpty();
    }

    // Wrong or noisy

    @Test
    void incidentKeysHaveNoGapsWhateverRepeatsArrive() {
        GraphQlTester pager = as("alertmanager");
        String alert = "paths-alert-" + System.nanoTime();
        Map<String, Object> fired = Map.of("title", "Disk full on db-3", "severity", "SEV3", "source", "ALERT", "externalRef", alert);
        String first = mutate(pager, "declareIncident", fired, "incident { key } deduplicated")
                .path("declareIncident.incident.key").entity(String.class).get();
        for (int repeat = 0; repeat < 3; repeat++) {
            mutate(pager, "declareIncident", fired, "incident { key } deduplicated")
                    .path("declareIncident.deduplicated").entity(Boolean.class).isEqualTo(true)
                    .path("declareIncident.incident.key").entity(String.class).isEqualTo(first);
        }
        String next = declare(pager, "Latency on search", "SEV4");
        assertThat(number(next)).isEqualTo(number(first) + 1);
    }

    @Test
    void concurrentDeclarationsAndRepeatsTakeConsecutiveNumbers() {
        HttpGraphQlClient pager = client(port, "alertmanager");
        String alert = "paths-storm-" + System.nanoTime();
        String document = "mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } } }";
        List<String> keys = Flux.range(0, 24)
                .flatMap(i -> pager.document(document)
                        .variable("input", i % 2 == 0
                                ? Map.of("title", "Storm " + i, "severity", "SEV4")
                                : Map.of("title", "Flapping alert", "severity", "SEV4", "source", "ALERT", "externalRef", alert))
                        .retrieve("declareIncident.incident.key").toEntity(String.class), 12)
                .collectList().block(Duration.ofSeconds(60));
        List<Long> numbers = keys.stream().distinct().map(RulesOnEveryPathTest::number).sorted().toList();
        assertThat(numbers).hasSize(13);
        assertThat(numbers.get(12) - numbers.get(0)).isEqualTo(12);
    }

    private static long number(String key) {
        return Long.parseLong(key.substring("INC-".length()));
    }

    @Test
    void anExplicitNullClearsAnImpactFieldAndAnOmittedFieldStays() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Paths: clearing impact", "SEV3");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("summary", "Exports fail",
                "affectedUsers", "Enterprise tenants", "reproducible", "YES")), "incident { key }");

        Map<String, Object> cleared = new HashMap<>();
        cleared.put("affectedUsers", null);
        cleared.put("reproducible", null);
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", cleared), "incident { impact { summary affectedUsers reproducible } }")
                .path("updateImpact.incident.impact.summary").entity(String.class).isEqualTo("Exports fail")
                .path("updateImpact.incident.impact.affectedUsers").valueIsNull()
                .path("updateImpact.incident.impact.reproducible").entity(String.class).isEqualTo("UNKNOWN");

        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("affectedUsers", "EU")), "incident { key }");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("affectedUsers", "")),
                "incident { impact { affectedUsers } }")
                .path("updateImpact.incident.impact.affectedUsers").valueIsNull();
        assertThat(errorCodes(alice, "updateImpact", Map.of("incidentId", key, "impact", cleared))).containsExactly("NO_CHANGE");
    }

    @Test
    void finishingTheLastTaskAndMovingToMonitoringIsNotAStall() {
        GraphQlTester alice = as("alice");
        GraphQlTester bob = as("bob");
        String key = declareCommandedBy(alice, "Paths: no stall noise", "SEV4", "alice");
        String rollback = createTask(alice, key, "MITIGATION", "Roll back the config push", "bob");
        mutate(bob, "startTask", Map.of("taskId", rollback), "task { id }");
        pass(Duration.ofMinutes(10));
        mutate(bob, "completeTask", Map.of("taskId", rollback, "outcome", "EFFECTIVE"), "task { id }");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { key }");
        pass(Duration.ofMinutes(30));

        assertThat(timelineKinds(alice, key)).doesNotContain("INCIDENT_STALLED", "INCIDENT_UNSTALLED")
                .contains("MONITORING_WINDOW_ENDED");
    }

    @Test
    void aStallCountsFromWhenWorkStoppedAndSaysWhatIsTrue() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: truthful stalls", "SEV4", "alice");
        String logs = createTask(alice, key, "INFORMATION_GATHERING", "Read the error logs", "bob");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", logs), "task { id }");
        pass(Duration.ofMinutes(30));
        mutate(as("bob"), "completeTask", Map.of("taskId", logs, "resolution", "Timeouts from the ledger service"), "task { id }");
        pass(Duration.ofMinutes(1));
        assertThat(count(alice, key, "INCIDENT_STALLED")).isZero();
        pass(Duration.ofMinutes(1));
        timeline(alice, key).path("incident.timeline.edges[-1].node.summary").entity(String.class)
                .satisfies(summary -> assertThat(summary).contains("nobody has worked on it for 2 min").contains("there is no open task"));

        String ledger = createTask(alice, key, "INFORMATION_GATHERING", "Ask the ledger team", "carol");
        mutate(as("carol"), "acknowledgeTask", Map.of("taskId", ledger), "task { id }");
        mutate(as("carol"), "completeTask", Map.of("taskId", ledger), "task { id }");
        createTask(alice, key, "INFORMATION_GATHERING", "Check the ledger dashboards", "dave");
        pass(Duration.ofMinutes(2));
        List<String> stalls = timeline(alice, key).path("incident.timeline.edges[?(@.node.kind == 'INCIDENT_STALLED')].node.summary")
                .entityList(String.class).hasSize(2).get();
        assertThat(stalls.get(1)).contains("1 task is assigned but nobody has acknowledged it");
    }

    @Test
    void theSitrepKeepsAcknowledgedWorkApartAndShowsTheCallTheRosterPagesAndMonitoring() {
        GraphQlTester alice = as("alice");
        String key = alice.documentName("declareIncident").variable("input", Map.of("title", "Paths: full sitrep",
                        "severity", "SEV2", "commander", "alice", "callUrl", "https://meet.example.com/inc-sitrep"))
                .execute().path("declareIncident.incident.key").entity(String.class).get();
        mutate(as("bob"), "joinIncident", Map.of("incidentId", key), "participation { role }");
        String reading = createTask(alice, key, "INFORMATION_GATHERING", "Read the traces", "bob");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", reading), "task { id }");
        String scaling = createTask(alice, key, "MITIGATION", "Scale the cache", "carol");
        mutate(as("carol"), "startTask", Map.of("taskId", scaling), "task { id }");
        createTask(alice, key, "INTERNAL_COMMS", "Tell support", "dave");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "erin", "reason", "Cache expert"), "page { id }");

        String sitrep = """
                query($id: ID!) { incident(id: $id) { sitrep {
                  inProgress { title } acknowledged { title } unacknowledged { title } callUrl
                  participants { role responder { handle } } unansweredPages { responder { handle } answerBy }
                  monitoringUntil text } } }""";
        alice.document(sitrep).variable("id", key).execute()
                .path("incident.sitrep.inProgress[*].title").entityList(String.class).containsExactly("Scale the cache")
                .path("incident.sitrep.acknowledged[*].title").entityList(String.class).containsExactly("Read the traces")
                .path("incident.sitrep.unacknowledged[*].title").entityList(String.class).containsExactly("Tell support")
                .path("incident.sitrep.callUrl").entity(String.class).isEqualTo("https://meet.example.com/inc-sitrep")
                .path("incident.sitrep.participants[*].responder.handle").entityList(String.class)
                .contains("alice", "bob").hasSize(2)
                .path("incident.sitrep.unansweredPages[*].responder.handle").entityList(String.class).containsExactly("erin")
                .path("incident.sitrep.unansweredPages[0].answerBy").hasValue()
                .path("incident.sitrep.monitoringUntil").valueIsNull()
                .path("incident.sitrep.text").entity(String.class).satisfies(text -> assertThat(text)
                        .contains("Call: https://meet.example.com/inc-sitrep")
                        .contains("alice (COMMANDER)").contains("bob (RESPONDER)")
                        .contains("In progress: \"Scale the cache\" – carol")
                        .contains("Acknowledged, not started: \"Read the traces\" – bob")
                        .contains("Unanswered pages: erin"));

        mutate(as("carol"), "completeTask", Map.of("taskId", scaling, "outcome", "EFFECTIVE"), "task { id }");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { key }");
        alice.document(sitrep).variable("id", key).execute()
                .path("incident.sitrep.monitoringUntil").hasValue()
                .path("incident.sitrep.text").entity(String.class).satisfies(text -> assertThat(text).contains("Monitoring until"));
    }

    @Test
    void anUnansweredPageIsRecordedOnceAfterItsAnswerByTime() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: pages expire", "SEV1", "alice");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "erin", "reason", "Database on-call"), "page { id }");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "frank", "reason", "Network on-call"), "page { id }");
        pass(Duration.ofMinutes(2));
        mutate(as("frank"), "joinIncident", Map.of("incidentId", key), "participation { role }");
        pass(Duration.ofMinutes(2));
        assertThat(count(alice, key, "PAGE_UNANSWERED")).isZero();
        pass(Duration.ofMinutes(1));
        pass(Duration.ofMinutes(10));
        List<String> unanswered = timeline(alice, key).path("incident.timeline.edges[?(@.node.kind == 'PAGE_UNANSWERED')].node.summary")
                .entityList(String.class).get();
        assertThat(unanswered).singleElement().satisfies(summary -> assertThat(summary).startsWith("erin has not answered the page"));
        alice.document("query($id: ID!) { incident(id: $id) { pages { responder { handle } answerBy answeredAt } } }")
                .variable("id", key).execute()
                .path("incident.pages[0].answerBy").entity(Instant.class).satisfies(answerBy ->
                        assertThat(answerBy).isBefore(clock.instant().minus(Duration.ofMinutes(9))));
    }

    @Test
    void thePostmortemHasNotesAndUpdatesAndNobodyIsStillOnAfterResolution() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: postmortem", "SEV3", "alice");
        mutate(as("bob"), "joinIncident", Map.of("incidentId", key), "participation { role }");
        mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "EXTERNAL", "body", "Search is slow; we are on it."), "update { id }");
        mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", "Index rebuild at 40%."), "update { id }");
        mutate(as("bob"), "addNote", Map.of("incidentId", key, "body", "Rebuild started by cron at 02:00"), "note { id }");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Rebuild finished"), "incident { key }");
        String followUp = createTask(alice, key, "FOLLOW_UP", "Move the rebuild out of peak hours", "bob");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", followUp), "task { id }");

        alice.document("query($id: ID!) { incident(id: $id) { postmortem participants(includePast: true) { until } } }")
                .variable("id", key).execute()
                .path("incident.participants[?(@.until == null)]").entityList(Object.class).hasSize(0)
                .path("incident.participants").entityList(Object.class).hasSize(2)
                .path("incident.postmortem").entity(String.class).satisfies(postmortem -> assertThat(postmortem)
                        .contains("## Stakeholder updates").contains("**EXTERNAL** alice: Search is slow; we are on it.")
                        .contains("**INTERNAL** alice: Index rebuild at 40%.")
                        .contains("## Notes").contains("bob: Rebuild started by cron at 02:00")
                        .contains("- [ ] Move the rebuild out of peak hours (bob")
                        .doesNotContain("still on"));
    }

    @Test
    void followUpsAreNeitherRemindedNorCountedAsWorkOnTheResponse() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: follow-ups", "SEV4", "alice");
        String followUp = createTask(alice, key, "FOLLOW_UP", "Write a runbook for cache warm-up", "bob");
        pass(Duration.ofMinutes(10));
        assertThat(count(alice, key, "DELEGATION_UNACKNOWLEDGED")).isZero();
        assertThat(count(alice, key, "INCIDENT_STALLED")).isEqualTo(1);
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", followUp), "task { id }");
        assertThat(count(alice, key, "INCIDENT_UNSTALLED")).isZero();
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "False alarm")))
                .isEmpty();
    }

    @Test
    void messagesNameTaskKindsInWords() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Paths: words", "SEV4");
        String gathering = createTask(alice, key, "INFORMATION_GATHERING", "Find the first failing request", "bob");
        timeline(alice, key).path("incident.timeline.edges[-1].node.summary").entity(String.class)
                .isEqualTo("alice asked bob to Find the first failing request (an information-gathering task)");
        alice.document("mutation($input: RecordMitigationOutcomeInput!) { recordMitigationOutcome(input: $input) { userErrors { message } } }")
                .variable("input", Map.of("taskId", gathering, "outcome", "EFFECTIVE")).execute()
                .path("recordMitigationOutcome.userErrors[0].message").entity(String.class)
                .isEqualTo("Only MITIGATION tasks have an outcome; this is an information-gathering task.");
    }

    // What a commander needs

    @Test
    void aCommanderCorrectsTheTitleCallLinkAndReferenceEachAsItsOwnEvent() {
        GraphQlTester alice = as("alice");
        String ref = "paths-ticket-" + System.nanoTime();
        String key = mutate(alice, "declareIncident", Map.of("title", "Paymnet failures", "severity", "SEV2", "source", "CHAT",
                "externalRef", ref), "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        String other = mutate(alice, "declareIncident", Map.of("title", "Other chat thread", "severity", "SEV4", "source", "CHAT",
                "externalRef", ref + "-other"), "incident { key }").path("declareIncident.incident.key").entity(String.class).get();

        mutate(alice, "editIncident", Map.of("incidentId", key, "title", "Payment failures",
                        "callUrl", "https://meet.example.com/payments"), "incident { title callUrl }")
                .path("editIncident.incident.title").entity(String.class).isEqualTo("Payment failures")
                .path("editIncident.incident.callUrl").entity(String.class).isEqualTo("https://meet.example.com/payments");
        timeline(alice, key)
                .path("incident.timeline.edges[?(@.node.kind == 'INCIDENT_EDITED')].node.details.field").entityList(String.class)
                .containsExactly("title", "callUrl")
                .path("incident.timeline.edges[?(@.node.kind == 'INCIDENT_EDITED')].node.summary").entityList(String.class)
                .contains("alice corrected the title from \"Paymnet failures\" to \"Payment failures\"");

        assertThat(errorCodes(alice, "editIncident", Map.of("incidentId", key, "title", "Payment failures"))).containsExactly("NO_CHANGE");
        assertThat(errorCodes(alice, "editIncident", Map.of("incidentId", key, "callUrl", "javascript:alert(1)")))
                .containsExactly("INVALID_VALUE");
        assertThat(errorCodes(alice, "editIncident", Map.of("incidentId", other, "externalRef", ref))).containsExactly("INVALID_VALUE");
        assertThat(errorCodes(alice, "editIncident", Map.of("incidentId", key, "externalRef", ref + "-renamed"))).isEmpty();
    }

    @Test
    void aRescheduledTaskIsOverdueByItsNewTime() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Paths: revised ETA", "SEV4", "alice");
        String vendor = mutate(alice, "createTask", Map.of("incidentId", key, "kind", "INFORMATION_GATHERING",
                        "title", "Get the vendor's root cause", "assignee", "bob", "dueAt", clock.instant().plus(Duration.ofMinutes(10)).toString()),
                "task { id }").path("createTask.task.id").entity(String.class).get();
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", vendor), "task { id }");
        pass(Duration.ofMinutes(11));
        assertThat(count(alice, key, "TASK_OVERDUE")).isEqualTo(1);

        assertThat(errorCodes(as("mallory"), "rescheduleTask", Map.of("taskId", vendor,
                "dueAt", clock.instant().plus(Duration.ofMinutes(20)).toString(), "reason", "x"))).containsExactly("NOT_ASSIGNEE");
        assertThat(errorCodes(alice, "rescheduleTask", Map.of("taskId", vendor,
                "dueAt", clock.instant().minus(Duration.ofMinutes(20)).toString(), "reason", "x"))).containsExactly("INVALID_VALUE");
        mutate(alice, "rescheduleTask", Map.of("taskId", vendor, "dueAt", clock.instant().plus(Duration.ofMinutes(20)).toString(),
                "reason", "Vendor promised an answer within 20 minutes"), "task { overdue dueAt }")
                .path("rescheduleTask.task.overdue").entity(Boolean.class).isEqualTo(false);
        timeline(alice, key).path("incident.timeline.edges[-1].node.kind").entity(String.class).isEqualTo("TASK_RESCHEDULED");

        pass(Duration.ofMinutes(19));
        assertThat(count(alice, key, "TASK_OVERDUE")).isEqualTo(1);
        pass(Duration.ofMinutes(2));
        assertThat(count(alice, key, "TASK_OVERDUE")).isEqualTo(2);
        alice.document("query($id: ID!) { incident(id: $id) { tasks { overdue } } }").variable("id", key).execute()
                .path("incident.tasks[0].overdue").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void followUpsMayBeCreatedOnAResolvedIncidentButResponseWorkMayNot() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Paths: after resolution", "SEV4");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Transient"), "incident { key }");
        assertThat(errorCodes(alice, "createTask", Map.of("incidentId", key, "kind", "MITIGATION", "title", "x", "assignee", "bob")))
                .containsExactly("INCIDENT_RESOLVED");
        String followUp = createTask(alice, key, "FOLLOW_UP", "Add a canary for the transient failure", "bob");
        mutate(as("bob"), "startTask", Map.of("taskId", followUp), "task { id }");
        mutate(as("bob"), "completeTask", Map.of("taskId", followUp), "task { status }")
                .path("completeTask.task.status").entity(String.class).isEqualTo("DONE");
        alice.document("query($id: ID!) { incident(id: $id) { postmortem } }").variable("id", key).execute()
                .path("incident.postmortem").entity(String.class)
                .satisfies(postmortem -> assertThat(postmortem).contains("- [x] Add a canary for the transient failure (bob)"));
        List<String> kinds = timelineKinds(alice, key);
        assertThat(kinds).endsWith("TASK_CREATED", "TASK_STARTED", "TASK_COMPLETED");
    }
}
