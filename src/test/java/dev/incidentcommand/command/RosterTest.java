package dev.incidentcommand.command;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

class RosterTest extends IntegrationTest {

    @Test
    void commanderIsAssignedOnceThenHandedOverWithNotes() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Orders stuck in queue", "SEV2");
        mutate(alice, "assignCommander", Map.of("incidentId", key, "commander", "bob"), "incident { commander { handle } }")
                .path("assignCommander.incident.commander.handle").entity(String.class).isEqualTo("bob");
        assertThat(errorCodes(alice, "assignCommander", Map.of("incidentId", key, "commander", "carol")))
                .containsExactly("COMMANDER_ALREADY_ASSIGNED");

        mutate(as("bob"), "handOverCommand", Map.of("incidentId", key, "to", "carol",
                        "notes", "Queue consumers restarted; waiting on DB failover. Next check-in 14:30."),
                "incident { commander { handle } }")
                .path("handOverCommand.incident.commander.handle").entity(String.class).isEqualTo("carol");

        GraphQlTester.Response incident = alice.documentName("incident").variable("id", key).execute();
        List<Map<String, Object>> roles = incident.path("incident.participants").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
        }).get();
        assertThat(roles).extracting(r -> ((Map<?, ?>) r.get("responder")).get("handle") + ":" + r.get("role") + ":" + (r.get("until") != null))
                .containsExactly("bob:COMMANDER:true", "bob:RESPONDER:false", "carol:COMMANDER:false");

        alice.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[2].node.kind").entity(String.class).isEqualTo("COMMAND_HANDED_OVER")
                .path("incident.timeline.edges[2].node.details.from").entity(String.class).isEqualTo("bob")
                .path("incident.timeline.edges[2].node.details.to").entity(String.class).isEqualTo("carol")
                .path("incident.timeline.edges[2].node.details.notes").entity(String.class)
                .satisfies(notes -> assertThat(notes).startsWith("Queue consumers restarted"))
                .path("incident.timeline.edges[2].node.actor.handle").entity(String.class).isEqualTo("bob");
    }

    @Test
    void handOverNeedsACommanderAndAnotherPerson() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "DNS flapping", "SEV3");
        assertThat(errorCodes(alice, "handOverCommand", Map.of("incidentId", key, "to", "bob"))).containsExactly("NO_COMMANDER");
        mutate(alice, "assignCommander", Map.of("incidentId", key, "commander", "bob"), "incident { key }");
        assertThat(errorCodes(as("bob"), "handOverCommand", Map.of("incidentId", key, "to", "bob"))).containsExactly("NO_CHANGE");
        assertThat(errorCodes(alice, "handOverCommand", Map.of("incidentId", key, "to", "Not A Handle!")))
                .containsExactly("INVALID_VALUE");
    }

    @Test
    void pagedResponderJoiningAnswersThePage() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Kafka lag growing", "SEV2");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "dave", "name", "Dave Kim",
                "reason", "Owns the consumer fleet"), "page { id responder { handle name } answeredAt }")
                .path("pageResponder.page.responder.name").entity(String.class).isEqualTo("Dave Kim")
                .path("pageResponder.page.answeredAt").valueIsNull();

        mutate(as("dave"), "joinIncident", Map.of("incidentId", key, "role", "SUBJECT_MATTER_EXPERT"),
                "participation { role responder { handle } until }")
                .path("joinIncident.participation.role").entity(String.class).isEqualTo("SUBJECT_MATTER_EXPERT")
                .path("joinIncident.participation.responder.handle").entity(String.class).isEqualTo("dave");

        alice.documentName("incident").variable("id", key).execute()
                .path("incident.pages[0].pagedBy.handle").entity(String.class).isEqualTo("alice")
                .path("incident.pages[0].reason").entity(String.class).isEqualTo("Owns the consumer fleet")
                .path("incident.pages[0].answeredAt").hasValue();

        assertThat(errorCodes(alice, "pageResponder", Map.of("incidentId", key, "responder", "dave")))
                .containsExactly("ALREADY_PARTICIPATING");
        assertThat(errorCodes(as("dave"), "joinIncident", Map.of("incidentId", key, "role", "SUBJECT_MATTER_EXPERT")))
                .containsExactly("ALREADY_PARTICIPATING");
        assertThat(errorCodes(as("dave"), "joinIncident", Map.of("incidentId", key, "role", "COMMANDER")))
                .containsExactly("INVALID_VALUE");
        assertThat(timelineKinds(alice, key)).containsExactly("INCIDENT_DECLARED", "RESPONDER_PAGED", "RESPONDER_JOINED");
    }

    @Test
    void leavingEndsEveryRoleButTheCommanderMustHandOverFirst() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "CDN errors", "SEV3");
        mutate(alice, "assignCommander", Map.of("incidentId", key, "commander", "alice"), "incident { key }");
        mutate(as("erin"), "joinIncident", Map.of("incidentId", key), "participation { role }")
                .path("joinIncident.participation.role").entity(String.class).isEqualTo("RESPONDER");
        mutate(as("erin"), "joinIncident", Map.of("incidentId", key, "role", "SCRIBE"), "participation { role }");

        assertThat(errorCodes(alice, "leaveIncident", Map.of("incidentId", key))).containsExactly("COMMANDER_CANNOT_LEAVE");
        mutate(alice, "leaveIncident", Map.of("incidentId", key, "responder", "erin"), "incident { key }");
        assertThat(errorCodes(as("erin"), "leaveIncident", Map.of("incidentId", key))).containsExactly("NOT_PARTICIPATING");

        alice.document("query($id: ID!) { incident(id: $id) { participants { role responder { handle } } } }")
                .variable("id", key).execute()
                .path("incident.participants[*].responder.handle").entityList(String.class).containsExactly("alice");
    }

    @Test
    void responderIsCreatedOnFirstReference() {
        GraphQlTester alice = as("alice");
        alice.document("{ responder(handle: \"frank-new\") { handle } }").execute().path("responder").valueIsNull();
        String key = declare(alice, "Billing job failed", "SEV4");
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "Frank-New"), "page { id }");
        alice.document("{ responder(handle: \"frank-new\") { id handle name } }").execute()
                .path("responder.handle").entity(String.class).isEqualTo("frank-new")
                .path("responder.name").entity(String.class).isEqualTo("frank-new");
    }
}
