package dev.incidentcommand.incident;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.DatabaseSnapshot;
import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused means nothing changed: for every mutation, a request the server refuses leaves every
 * table exactly as it was. People named in a refused request (a new assignee, a new actor, a
 * display name) are not created or renamed either.
 *
 * <p>Its own server and database, with the sweeper for time-driven rules idle: a reminder falling
 * due for some other test's incident between two snapshots would be a change nobody refused.
 */
@TestPropertySource(properties = "incident-command.discipline.sweep-interval=1h")
class RefusalLeavesNoTraceTest extends IntegrationTest {

    record Refused(String why, GraphQlTester as, String mutation, Map<String, Object> input, String code) {
    }

    @Test
    void everyRefusedMutationLeavesTheDatabaseAsItWas() {
        GraphQlTester alice = as("alice");
        String open = declare(alice, "Open for refusals", "SEV2");
        mutate(alice, "assignCommander", Map.of("incidentId", open, "commander", "alice"), "incident { key }");
        mutate(alice, "pageResponder", Map.of("incidentId", open, "responder", "carol-refusals", "name", "Carol Danvers"), "page { id }");
        String mitigation = mutate(alice, "createTask", Map.of("incidentId", open, "kind", "MITIGATION", "title", "Roll back",
                "assignee", "bob"), "task { id }").path("createTask.task.id").entity(String.class).get();
        String gathering = mutate(alice, "createTask", Map.of("incidentId", open, "kind", "INFORMATION_GATHERING",
                "title", "Read logs", "assignee", "bob"), "task { id }").path("createTask.task.id").entity(String.class).get();
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", gathering), "task { id }");
        mutate(as("bob"), "completeTask", Map.of("taskId", gathering), "task { id }");
        String resolved = declare(alice, "Already resolved", "SEV4");
        mutate(alice, "changeStatus", Map.of("incidentId", resolved, "status", "RESOLVED", "reason", "False alarm"), "incident { key }");

        List<Refused> refusals = List.of(
                new Refused("blank title", alice, "declareIncident", Map.of("title", " ", "severity", "SEV3"), "BLANK"),
                new Refused("same severity", alice, "changeSeverity", Map.of("incidentId", open, "severity", "SEV2", "reason", "x"), "NO_CHANGE"),
                new Refused("resolved to monitoring", alice, "changeStatus", Map.of("incidentId", resolved, "status", "MONITORING", "reason", "x"), "INVALID_STATUS_TRANSITION"),
                new Refused("impact unchanged", alice, "updateImpact", Map.of("incidentId", open, "impact", Map.of("scope", "UNKNOWN")), "NO_CHANGE"),
                new Refused("recurrence while working", alice, "reportRecurrence", Map.of("incidentId", open, "description", "again"), "INVALID_STATUS_TRANSITION"),
                new Refused("second commander, new handle", alice, "assignCommander", Map.of("incidentId", open, "commander", "newcomer-1"), "COMMANDER_ALREADY_ASSIGNED"),
                new Refused("hand over to a new handle on a resolved incident", alice, "handOverCommand", Map.of("incidentId", resolved, "to", "newcomer-2"), "INCIDENT_RESOLVED"),
                new Refused("page with a new name, unknown incident", alice, "pageResponder", Map.of("incidentId", "INC-999", "responder", "carol-refusals", "name", "Someone Else"), "INCIDENT_NOT_FOUND"),
                new Refused("page a new handle on a resolved incident", alice, "pageResponder", Map.of("incidentId", resolved, "responder", "newcomer-3", "name", "New"), "INCIDENT_RESOLVED"),
                new Refused("join a resolved incident", as("newcomer-4"), "joinIncident", Map.of("incidentId", resolved), "INCIDENT_RESOLVED"),
                new Refused("leave without being on it", as("newcomer-5"), "leaveIncident", Map.of("incidentId", open), "NOT_PARTICIPATING"),
                new Refused("task for a new handle on a resolved incident", alice, "createTask", Map.of("incidentId", resolved, "kind", "MITIGATION", "title", "x", "assignee", "newcomer-6"), "INCIDENT_RESOLVED"),
                new Refused("acknowledge someone else's task", as("newcomer-7"), "acknowledgeTask", Map.of("taskId", mitigation), "NOT_ASSIGNEE"),
                new Refused("start someone else's task", alice, "startTask", Map.of("taskId", mitigation), "NOT_ASSIGNEE"),
                new Refused("complete a finished task", as("bob"), "completeTask", Map.of("taskId", gathering), "INVALID_TASK_TRANSITION"),
                new Refused("cancel a finished task", alice, "cancelTask", Map.of("taskId", gathering), "INVALID_TASK_TRANSITION"),
                new Refused("reassign a finished task to a new handle", alice, "reassignTask", Map.of("taskId", gathering, "assignee", "newcomer-8"), "INVALID_TASK_TRANSITION"),
                new Refused("outcome of a non-mitigation", alice, "recordMitigationOutcome", Map.of("taskId", gathering, "outcome", "EFFECTIVE"), "OUTCOME_NOT_APPLICABLE"),
                new Refused("blank update", alice, "postUpdate", Map.of("incidentId", open, "audience", "INTERNAL", "body", " "), "BLANK"),
                new Refused("note on an unknown incident by a new actor", as("newcomer-9"), "addNote", Map.of("incidentId", "INC-999", "body", "hello"), "INCIDENT_NOT_FOUND"),
                new Refused("hand over by someone not commanding", as("newcomer-10"), "handOverCommand", Map.of("incidentId", open, "to", "newcomer-11"), "NOT_COMMANDER"),
                new Refused("take command of a resolved incident", as("newcomer-12"), "takeCommand", Map.of("incidentId", resolved, "reason", "x"), "INCIDENT_RESOLVED"),
                new Refused("customer update by a newcomer", as("newcomer-13"), "postUpdate", Map.of("incidentId", open, "audience", "EXTERNAL", "body", "All good"), "NOT_SPOKESPERSON"),
                new Refused("reschedule someone else's task", as("newcomer-14"), "rescheduleTask", Map.of("taskId", mitigation, "dueAt", "2999-01-01T00:00:00Z", "reason", "x"), "NOT_ASSIGNEE"),
                new Refused("resolve with work nobody acknowledged", alice, "changeStatus", Map.of("incidentId", open, "status", "RESOLVED"), "OPEN_WORK"),
                new Refused("edit to what it already says", alice, "editIncident", Map.of("incidentId", open, "title", "Open for refusals"), "NO_CHANGE"),
                new Refused("rename someone else", as("bob"), "renameResponder", Map.of("responder", "carol-refusals", "name", "Not Carol"), "NOT_PERMITTED"),
                new Refused("token in the server's name", admin(), "createApiToken", Map.of("name", "x", "responder", "incident-command", "role", "ADMIN"), "RESERVED_HANDLE"),
                new Refused("revoke an unknown token", admin(), "revokeApiToken", Map.of("tokenId", "bm9wZQ"), "TOKEN_NOT_FOUND"));

        for (Refused refused : refusals) {
            Map<String, String> before = DatabaseSnapshot.of(environment);
            assertThat(errorCodes(refused.as(), refused.mutation(), refused.input())).as(refused.why()).containsExactly(refused.code());
            assertThat(DatabaseSnapshot.of(environment)).as(refused.why()).isEqualTo(before);
        }
        alice.document("{ responder(handle: \"carol-refusals\") { name } }").execute()
                .path("responder.name").entity(String.class).isEqualTo("Carol Danvers");
        for (int i = 1; i <= 14; i++) {
            alice.document("query($h: String!) { responder(handle: $h) { handle } }").variable("h", "newcomer-" + i).execute()
                    .path("responder").valueIsNull();
        }
    }

    @Test
    void aDisplayNameChangesOnlyThroughAnExplicitRename() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Names", "SEV3");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "dana-names", "name", "Dana Scully"), "page { id }");
        String other = declare(alice, "Names again", "SEV3");
        // Paging again with another name does not rename her.
        mutate(alice, "pageResponder", Map.of("incidentId", other, "responder", "dana-names", "name", "D. Scully"), "page { id }");
        alice.document("{ responder(handle: \"dana-names\") { name } }").execute().path("responder.name").entity(String.class).isEqualTo("Dana Scully");
        mutate(as("dana-names"), "renameResponder", Map.of("responder", "dana-names", "name", "Dana K. Scully"), "responder { name }")
                .path("renameResponder.responder.name").entity(String.class).isEqualTo("Dana K. Scully");
        mutate(admin(), "renameResponder", Map.of("responder", "dana-names", "name", "Dana Scully"), "responder { name }");
        assertThat(errorCodes(as("dana-names"), "renameResponder", Map.of("responder", "dana-names", "name", "Dana Scully"))).containsExactly("NO_CHANGE");
    }
}
