package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentLifecycleTest extends IntegrationTest {

    @Test
    void declaredIncidentCanBeReadBackByKeyAndById() {
        GraphQlTester alice = as("alice");
        GraphQlTester.Response declared = alice.documentName("declareIncident")
                .variable("input", Map.of(
                        "title", "Checkout fails for EU users",
                        "severity", "SEV2",
                        "source", "ALERT",
                        "externalRef", "alert-" + UUID.randomUUID(),
                        "callUrl", "https://meet.example.com/inc-checkout",
                        "commander", "Bob",
                        "impact", Map.of("summary", "Card payments fail with 500", "scope", "SUBSET",
                                "affectedUsers", "EU customers", "frequency", "INTERMITTENT")))
                .execute();
        declared.path("declareIncident.userErrors").entityList(Object.class).hasSize(0);
        String id = declared.path("declareIncident.incident.id").entity(String.class).get();
        String key = declared.path("declareIncident.incident.key").entity(String.class).get();
        assertThat(key).matches("INC-\\d+");
        declared.path("declareIncident.incident.status").entity(String.class).isEqualTo("DECLARED")
                .path("declareIncident.incident.active").entity(Boolean.class).isEqualTo(true)
                .path("declareIncident.incident.commander.handle").entity(String.class).isEqualTo("bob")
                .path("declareIncident.incident.declaredBy.handle").entity(String.class).isEqualTo("alice")
                .path("declareIncident.incident.impact.reproducible").entity(String.class).isEqualTo("UNKNOWN")
                .path("declareIncident.incident.impact.frequency").entity(String.class).isEqualTo("INTERMITTENT")
                .path("declareIncident.incident.acknowledgedAt").hasValue()
                .path("declareIncident.incident.lastSequence").entity(Integer.class).isEqualTo(2);

        for (String ref : new String[] {key, id, key.toLowerCase()}) {
            alice.documentName("incident").variable("id", ref).execute()
                    .path("incident.key").entity(String.class).isEqualTo(key)
                    .path("incident.title").entity(String.class).isEqualTo("Checkout fails for EU users")
                    .path("incident.participants[0].role").entity(String.class).isEqualTo("COMMANDER")
                    .path("incident.participants[0].responder.handle").entity(String.class).isEqualTo("bob");
        }
        assertThat(timelineKinds(alice, key)).containsExactly("INCIDENT_DECLARED", "COMMANDER_ASSIGNED");
    }

    @Test
    void unknownIncidentReadsAsNull() {
        as("alice").documentName("incident").variable("id", "INC-999999").execute()
                .path("incident").valueIsNull();
        as("alice").documentName("incident").variable("id", "not-an-id").execute()
                .path("incident").valueIsNull();
    }

    @Test
    void repeatedAlertReturnsTheOpenIncidentInsteadOfADuplicate() {
        GraphQlTester alertmanager = as("alertmanager");
        String ref = "alert-" + UUID.randomUUID();
        Map<String, Object> alert = Map.of("title", "API latency high", "severity", "SEV3", "source", "ALERT", "externalRef", ref);
        String first = alertmanager.documentName("declareIncident").variable("input", alert).execute()
                .path("declareIncident.deduplicated").entity(Boolean.class).isEqualTo(false)
                .path("declareIncident.incident.key").entity(String.class).get();
        alertmanager.documentName("declareIncident").variable("input", alert).execute()
                .path("declareIncident.deduplicated").entity(Boolean.class).isEqualTo(true)
                .path("declareIncident.incident.key").entity(String.class).isEqualTo(first);
        assertThat(timelineKinds(alertmanager, first)).containsExactly("INCIDENT_DECLARED", "ALERT_REPEATED");

        // Once resolved, the same alert opens a new incident.
        mutate(alertmanager, "changeStatus", Map.of("incidentId", first, "status", "RESOLVED", "reason", "Fixed upstream"),
                "incident { status }");
        alertmanager.documentName("declareIncident").variable("input", alert).execute()
                .path("declareIncident.deduplicated").entity(Boolean.class).isEqualTo(false)
                .path("declareIncident.incident.key").entity(String.class).satisfies(key -> assertThat(key).isNotEqualTo(first));
    }

    @Test
    void severityChangesKeepFromToAndWhy() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Search is slow", "SEV3");
        mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "All search requests time out"),
                "incident { severity }")
                .path("changeSeverity.incident.severity").entity(String.class).isEqualTo("SEV1");
        mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "Retries succeed"),
                "incident { severity }");

        alice.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[1].node.kind").entity(String.class).isEqualTo("SEVERITY_CHANGED")
                .path("incident.timeline.edges[1].node.details.from").entity(String.class).isEqualTo("SEV3")
                .path("incident.timeline.edges[1].node.details.to").entity(String.class).isEqualTo("SEV1")
                .path("incident.timeline.edges[1].node.details.reason").entity(String.class).isEqualTo("All search requests time out")
                .path("incident.timeline.edges[1].node.actor.handle").entity(String.class).isEqualTo("alice")
                .path("incident.timeline.edges[2].node.summary").entity(String.class)
                .satisfies(summary -> assertThat(summary).contains("lowered").contains("SEV1").contains("SEV2"));
    }

    @Test
    void severityChangeNeedsAReasonAndAChange() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Login errors", "SEV2");
        assertThat(errorCodes(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "  ")))
                .containsExactly("BLANK");
        assertThat(errorCodes(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "same")))
                .containsExactly("NO_CHANGE");
        assertThat(errorCodes(alice, "changeSeverity", Map.of("incidentId", "INC-999999", "severity", "SEV1", "reason", "x")))
                .containsExactly("INCIDENT_NOT_FOUND");
        assertThat(timelineKinds(alice, key)).containsExactly("INCIDENT_DECLARED");
    }

    @Test
    void lifecycleSetsMilestonesAndReopeningNeedsAReason() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Payments delayed", "SEV2");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "INVESTIGATING"), "incident { status }");
        alice.documentName("incident").variable("id", key).execute().path("incident.acknowledgedAt").hasValue();
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MITIGATING"), "incident { status }");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { status }");
        alice.documentName("incident").variable("id", key).execute()
                .path("incident.mitigatedAt").hasValue()
                .path("incident.resolvedAt").valueIsNull();
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED")))
                .containsExactly("MONITORING_WINDOW_OPEN");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "Traffic drained to the healthy region"),
                "incident { status }");
        alice.documentName("incident").variable("id", key).execute()
                .path("incident.active").entity(Boolean.class).isEqualTo(false)
                .path("incident.resolvedAt").entity(Instant.class).satisfies(at -> assertThat(at).isBeforeOrEqualTo(Instant.now()));

        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "INVESTIGATING")))
                .containsExactly("REASON_REQUIRED");
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "MONITORING", "reason", "x")))
                .containsExactly("INVALID_STATUS_TRANSITION");
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "x")))
                .containsExactly("NO_CHANGE");
        assertThat(errorCodes(alice, "changeStatus", Map.of("incidentId", key, "status", "DECLARED")))
                .containsExactly("INVALID_STATUS_TRANSITION");

        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "INVESTIGATING", "reason", "Errors are back"),
                "incident { status }");
        alice.documentName("incident").variable("id", key).execute()
                .path("incident.status").entity(String.class).isEqualTo("INVESTIGATING")
                .path("incident.resolvedAt").valueIsNull()
                .path("incident.mitigatedAt").valueIsNull();
        assertThat(timelineKinds(alice, key)).containsExactly("INCIDENT_DECLARED", "STATUS_CHANGED", "STATUS_CHANGED",
                "STATUS_CHANGED", "STATUS_CHANGED", "INCIDENT_REOPENED");
    }

    @Test
    void resolvedIncidentRefusesNewWorkButTakesNotesAndUpdates() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Image uploads fail", "SEV3", "alice");
        mutate(alice, "changeStatus", Map.of("incidentId", key, "status", "RESOLVED", "reason", "False alarm"), "incident { status }");

        assertThat(errorCodes(alice, "createTask", Map.of("incidentId", key, "kind", "MITIGATION", "title", "Restart", "assignee", "bob")))
                .containsExactly("INCIDENT_RESOLVED");
        assertThat(errorCodes(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "x")))
                .containsExactly("INCIDENT_RESOLVED");
        assertThat(errorCodes(alice, "pageResponder", Map.of("incidentId", key, "responder", "bob")))
                .containsExactly("INCIDENT_RESOLVED");
        assertThat(errorCodes(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("summary", "x"))))
                .containsExactly("INCIDENT_RESOLVED");

        assertThat(errorCodes(alice, "addNote", Map.of("incidentId", key, "body", "Root cause: expired certificate"))).isEmpty();
        assertThat(errorCodes(alice, "postUpdate", Map.of("incidentId", key, "audience", "EXTERNAL", "body", "Resolved."))).isEmpty();
    }

    @Test
    void impactUpdatesChangeOnlyTheGivenFieldsAndKeepTheOldAssessment() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Mobile app crashes", "SEV2");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact",
                Map.of("summary", "iOS app crashes on launch", "reproducible", "YES", "scope", "SUBSET", "affectedUsers", "iOS 18")),
                "incident { key }");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("frequency", "EVERY_TIME", "retriesSucceed", "NO")),
                "incident { key }");

        alice.documentName("incident").variable("id", key).execute()
                .path("incident.impact.summary").entity(String.class).isEqualTo("iOS app crashes on launch")
                .path("incident.impact.reproducible").entity(String.class).isEqualTo("YES")
                .path("incident.impact.frequency").entity(String.class).isEqualTo("EVERY_TIME")
                .path("incident.impact.retriesSucceed").entity(String.class).isEqualTo("NO")
                .path("incident.impact.scope").entity(String.class).isEqualTo("SUBSET")
                .path("incident.impact.affectedUsers").entity(String.class).isEqualTo("iOS 18");
        alice.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[2].node.kind").entity(String.class).isEqualTo("IMPACT_UPDATED")
                .path("incident.timeline.edges[2].node.details.from.frequency").entity(String.class).isEqualTo("UNKNOWN")
                .path("incident.timeline.edges[2].node.details.to.frequency").entity(String.class).isEqualTo("EVERY_TIME");

        assertThat(errorCodes(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("reproducible", "YES"))))
                .containsExactly("NO_CHANGE");
    }
}
