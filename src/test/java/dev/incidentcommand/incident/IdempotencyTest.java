package dev.incidentcommand.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest extends IntegrationTest {

    @Test
    void retriedDeclarationReturnsTheSameIncidentAndChangesNothing() {
        GraphQlTester tool = as("deploy-bot");
        Map<String, Object> input = Map.of("title", "Deploy 881 broke search", "severity", "SEV2",
                "idempotencyKey", "declare-" + UUID.randomUUID());
        String first = tool.documentName("declareIncident").variable("input", input).execute()
                .path("declareIncident.incident.key").entity(String.class).get();
        tool.documentName("declareIncident").variable("input", input).execute()
                .path("declareIncident.userErrors").entityList(Object.class).hasSize(0)
                .path("declareIncident.incident.key").entity(String.class).isEqualTo(first)
                .path("declareIncident.incident.lastSequence").entity(Integer.class).isEqualTo(1);
        assertThat(timelineKinds(tool, first)).containsExactly("INCIDENT_DECLARED");
    }

    @Test
    void everyMutationReplaysItsFirstResult() {
        GraphQlTester bot = as("bot");
        String key = declare(bot, "Retry storm", "SEV3");
        String noteKey = "note-" + UUID.randomUUID();
        String taskKey = "task-" + UUID.randomUUID();
        Map<String, Object> note = Map.of("incidentId", key, "body", "Retrying is safe", "idempotencyKey", noteKey);
        Map<String, Object> task = Map.of("incidentId", key, "kind", "PAGING", "title", "Page db team", "assignee", "bob",
                "idempotencyKey", taskKey);
        String noteId = null;
        String taskId = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            String n = bot.document("mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }")
                    .variable("input", note).execute().path("addNote.note.id").entity(String.class).get();
            String t = bot.document("mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { code } } }")
                    .variable("input", task).execute().path("createTask.task.id").entity(String.class).get();
            noteId = noteId == null ? n : noteId;
            taskId = taskId == null ? t : taskId;
            assertThat(n).isEqualTo(noteId);
            assertThat(t).isEqualTo(taskId);
        }
        assertThat(timelineKinds(bot, key)).containsExactly("INCIDENT_DECLARED", "NOTE_ADDED", "TASK_CREATED");
    }

    @Test
    void sameKeyWithDifferentInputIsRefused() {
        GraphQlTester bot = as("bot");
        String key = declare(bot, "Key reuse", "SEV4");
        String reused = "reused-" + UUID.randomUUID();
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "first", "idempotencyKey", reused))).isEmpty();
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "second", "idempotencyKey", reused)))
                .containsExactly("IDEMPOTENCY_KEY_REUSED");
        // Keys belong to their caller: someone else's identical key is simply another key.
        assertThat(errorCodes(as("someone-else"), "addNote", Map.of("incidentId", key, "body", "first", "idempotencyKey", reused)))
                .isEmpty();
        assertThat(timelineKinds(bot, key)).containsExactly("INCIDENT_DECLARED", "NOTE_ADDED", "NOTE_ADDED");
    }

    @Test
    void refusedRequestDoesNotUseUpItsKey() {
        GraphQlTester bot = as("bot");
        String key = declare(bot, "Refusal then retry", "SEV4");
        String idem = "ack-" + UUID.randomUUID();
        assertThat(errorCodes(bot, "changeSeverity", Map.of("incidentId", key, "severity", "SEV4", "reason", "x", "idempotencyKey", idem)))
                .containsExactly("NO_CHANGE");
        assertThat(errorCodes(bot, "changeSeverity", Map.of("incidentId", key, "severity", "SEV4", "reason", "x", "idempotencyKey", idem)))
                .containsExactly("NO_CHANGE");
    }

    @Test
    void concurrentRetriesWithOneKeyDeclareOneIncident() {
        HttpGraphQlClient client = client(port, "pagerduty");
        Map<String, Object> input = Map.of("title", "Storm of retries", "severity", "SEV2", "idempotencyKey", "storm-" + UUID.randomUUID());
        List<String> keys = Flux.range(0, 16)
                .flatMap(i -> client.document("mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } } }")
                        .variable("input", input).retrieve("declareIncident.incident.key").toEntity(String.class), 16)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(keys).hasSize(16);
        assertThat(keys.stream().distinct()).hasSize(1);
        assertThat(timelineKinds(as("x"), keys.get(0))).containsExactly("INCIDENT_DECLARED");
    }

    @Autowired
    IdempotencyRetention retention;

    @Autowired
    DatabaseClient db;

    @Test
    void keysAreForgottenOnlyAfterTheRetention() {
        GraphQlTester bot = as("bot");
        String key = declare(bot, "Retention", "SEV5");
        String recent = "recent-" + UUID.randomUUID();
        String old = "old-" + UUID.randomUUID();
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "recent", "idempotencyKey", recent))).isEmpty();
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "old", "idempotencyKey", old))).isEmpty();
        db.sql("UPDATE idempotency_key SET created_at = created_at - interval '8 days' WHERE key = :key")
                .bind("key", old).then().block();

        assertThat(retention.forgetExpired().block()).isGreaterThanOrEqualTo(1);

        // The recent key still replays; the old one is forgotten, so the same key is a new request.
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "recent", "idempotencyKey", recent))).isEmpty();
        assertThat(errorCodes(bot, "addNote", Map.of("incidentId", key, "body", "old", "idempotencyKey", old))).isEmpty();
        assertThat(timelineKinds(bot, key)).containsExactly("INCIDENT_DECLARED", "NOTE_ADDED", "NOTE_ADDED", "NOTE_ADDED");
    }

    @Test
    void aRetryReachingAnotherInstanceGetsTheSameResult() {
        Map<String, Object> input = Map.of("title", "Behind a load balancer", "severity", "SEV3",
                "idempotencyKey", "lb-" + UUID.randomUUID());
        String first = as("lb-bot").documentName("declareIncident").variable("input", input).execute()
                .path("declareIncident.incident.key").entity(String.class).get();

        try (ConfigurableApplicationContext other = secondInstance()) {
            as(portOf(other), "lb-bot").documentName("declareIncident").variable("input", input).execute()
                    .path("declareIncident.incident.key").entity(String.class).isEqualTo(first);
        }
        assertThat(timelineKinds(as("x"), first)).containsExactly("INCIDENT_DECLARED");
    }
}
