package dev.incidentcommand.communication;

import java.time.Duration;
import java.util.Map;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommunicationTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

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

    /**
     * A note is what tooling adds most. Once this instance knows the incident and the author, it
     * takes one statement: the lock, the note and its timeline event, committed on their own (the
     * fewest of a few tries, as work in the background may run statements at any time, and a new
     * block of ids costs one). The incident may be named by key or by id.
     */
    @Test
    void aNoteIsOneStatementLockingTheIncidentAndWritingTheNoteWithItsEvent() {
        GraphQlTester bob = as("bob");
        String key = declare(bob, "Search index lagging", "SEV3");
        String id = bob.documentName("incident").variable("id", key).execute().path("incident.id").entity(String.class).get();
        double fewest = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 6; attempt++) {
            double statements = statements();
            double notifies = peerNotifications();
            mutate(bob, "addNote", Map.of("incidentId", attempt % 2 == 0 ? key : id, "body", "Lag at " + attempt + " minutes"),
                    "note { id }");
            // After the commit, the other instances are woken by a NOTIFY of its own, outside the
            // note's transaction: wait for it and leave it out, so it counts in no other attempt.
            await().atMost(Duration.ofSeconds(10)).until(() -> peerNotifications() > notifies);
            fewest = Math.min(fewest, (statements() - statements) - (peerNotifications() - notifies));
        }
        assertThat(fewest).isEqualTo(1);
        GraphQlTester.Response incident = bob.documentName("incident").variable("id", key).execute();
        incident.path("incident.notes[*].body").entityList(String.class).containsExactly("Lag at 0 minutes", "Lag at 1 minutes",
                "Lag at 2 minutes", "Lag at 3 minutes", "Lag at 4 minutes", "Lag at 5 minutes");
        assertThat(incident.path("incident.notes[*].author.handle").entityList(String.class).get()).containsOnly("bob");
        incident.path("incident.lastSequence").entity(Integer.class).isEqualTo(7);
        assertThat(timelineKinds(bob, key)).containsExactly("INCIDENT_DECLARED", "NOTE_ADDED", "NOTE_ADDED", "NOTE_ADDED",
                "NOTE_ADDED", "NOTE_ADDED", "NOTE_ADDED");
    }

    private double statements() {
        return meters.counter("incident_command.database.statements").count();
    }

    private double peerNotifications() {
        return meters.counter("incident_command.live.peer_notifications").count();
    }

    /** A note on an incident that does not exist is refused, however the incident is named. */
    @Test
    void aNoteOnNoIncidentIsRefused() {
        GraphQlTester bob = as("bob");
        declare(bob, "Known to this instance", "SEV4");
        assertThat(errorCodes(bob, "addNote", Map.of("incidentId", "INC-999999999", "body", "Nobody reads this")))
                .containsExactly("INCIDENT_NOT_FOUND");
        assertThat(errorCodes(bob, "addNote", Map.of("incidentId", Ids.encode(Ids.Type.Incident, 999_999_999L), "body", "Nor this")))
                .containsExactly("INCIDENT_NOT_FOUND");
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
