package dev.incidentcommand.communication;

import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

class CommunicationTest extends IntegrationTest {

    @Test
    void updatesToStakeholdersAndCustomersAreKeptWithTheirAuthor() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Checkout latency", "SEV2");
        mutate(ic, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL",
                        "body", "Impact: 20% of EU checkouts slow. Rollback in progress (bob, ETA 14:20)."),
                "update { id audience author { handle } postedAt incident { key } }")
                .path("postUpdate.update.audience").entity(String.class).isEqualTo("INTERNAL")
                .path("postUpdate.update.author.handle").entity(String.class).isEqualTo("alice")
                .path("postUpdate.update.incident.key").entity(String.class).isEqualTo(key);
        // Customers hear from whoever took on the customer comms.
        String comms = createTask(ic, key, "CUSTOMER_COMMS", "Keep the status page current", "comms");
        mutate(as("comms"), "acknowledgeTask", Map.of("taskId", comms), "task { id }");
        mutate(as("comms"), "postUpdate", Map.of("incidentId", key, "audience", "EXTERNAL",
                "body", "Some customers may see slow checkouts. We are working on a fix."), "update { id }");

        ic.documentName("incident").variable("id", key).execute()
                .path("incident.updates[*].audience").entityList(String.class).containsExactly("INTERNAL", "EXTERNAL")
                .path("incident.updates[1].author.handle").entity(String.class).isEqualTo("comms");
        assertThat(timelineKinds(ic, key)).containsExactly("INCIDENT_DECLARED", "UPDATE_POSTED", "TASK_CREATED",
                "TASK_ACKNOWLEDGED", "UPDATE_POSTED");
    }

    @Test
    void notesKeepLogLinesAndLinksForThePostmortem() {
        GraphQlTester bob = as("bob");
        String key = declare(bob, "Payment webhook failures", "SEV3");
        mutate(bob, "addNote", Map.of("incidentId", key, "kind", "LOG_LINE",
                "body", "2026-11-27T14:02:11Z ERROR webhook timeout after 30000ms"), "note { kind body }");
        mutate(bob, "addNote", Map.of("incidentId", key, "kind", "DASHBOARD", "body", "Webhook latency p99",
                "url", "https://grafana.example.com/d/webhooks"), "note { kind url }")
                .path("addNote.note.url").entity(String.class).isEqualTo("https://grafana.example.com/d/webhooks");
        mutate(bob, "addNote", Map.of("incidentId", key, "body", "Deploy 4411 went out at 13:58"), "note { kind }")
                .path("addNote.note.kind").entity(String.class).isEqualTo("TEXT");

        bob.documentName("incident").variable("id", key).execute()
                .path("incident.notes[*].kind").entityList(String.class).containsExactly("LOG_LINE", "DASHBOARD", "TEXT");
    }

    @Test
    void badNotesAndUpdatesAreRefused() {
        GraphQlTester bob = as("bob");
        String key = declare(bob, "Email delays", "SEV4");
        assertThat(errorCodes(bob, "addNote", Map.of("incidentId", key, "kind", "SCREENSHOT", "body", "Error page")))
                .containsExactly("BLANK");
        assertThat(errorCodes(bob, "addNote", Map.of("incidentId", key, "kind", "LINK", "body", "x", "url", "javascript:alert(1)")))
                .containsExactly("INVALID_VALUE");
        assertThat(errorCodes(bob, "addNote", Map.of("incidentId", key, "body", "x".repeat(20_001))))
                .containsExactly("TOO_LONG");
        assertThat(errorCodes(bob, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", "\n\t ")))
                .containsExactly("BLANK");
        assertThat(errorCodes(bob, "postUpdate", Map.of("incidentId", "INC-0", "audience", "INTERNAL", "body", "x")))
                .containsExactly("INCIDENT_NOT_FOUND");
        assertThat(timelineKinds(bob, key)).containsExactly("INCIDENT_DECLARED");
    }
}
