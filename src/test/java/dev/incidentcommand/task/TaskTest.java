package dev.incidentcommand.task;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.errorCodes;
import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

class TaskTest extends IntegrationTest {

    private String createTask(GraphQlTester by, String incident, String kind, String assignee) {
        return mutate(by, "createTask", Map.of("incidentId", incident, "kind", kind, "title", "Roll back release 2026.11.27",
                        "assignee", assignee, "dueAt", Instant.now().plus(20, ChronoUnit.MINUTES).toString()),
                "task { id status }")
                .path("createTask.task.status").entity(String.class).isEqualTo("ASSIGNED")
                .path("createTask.task.id").entity(String.class).get();
    }

    @Test
    void delegatedTaskGoesFromAssignedThroughAcknowledgedAndStartedToDone() {
        GraphQlTester ic = as("alice");
        GraphQlTester bob = as("bob");
        String key = declare(ic, "Error rate spike", "SEV2");
        String task = createTask(ic, key, "MITIGATION", "bob");

        mutate(bob, "acknowledgeTask", Map.of("taskId", task), "task { status acknowledgedAt }")
                .path("acknowledgeTask.task.status").entity(String.class).isEqualTo("ACKNOWLEDGED")
                .path("acknowledgeTask.task.acknowledgedAt").hasValue();
        mutate(bob, "startTask", Map.of("taskId", task), "task { status startedAt }")
                .path("startTask.task.status").entity(String.class).isEqualTo("IN_PROGRESS");
        mutate(bob, "completeTask", Map.of("taskId", task, "outcome", "EFFECTIVE", "resolution", "Error rate back to baseline"),
                "task { status outcome resolution finishedAt incident { key } assignee { handle } createdBy { handle } }")
                .path("completeTask.task.status").entity(String.class).isEqualTo("DONE")
                .path("completeTask.task.outcome").entity(String.class).isEqualTo("EFFECTIVE")
                .path("completeTask.task.incident.key").entity(String.class).isEqualTo(key)
                .path("completeTask.task.createdBy.handle").entity(String.class).isEqualTo("alice");

        assertThat(timelineKinds(ic, key)).containsExactly("INCIDENT_DECLARED", "TASK_CREATED", "TASK_ACKNOWLEDGED",
                "TASK_STARTED", "TASK_COMPLETED");
        ic.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[4].node.details.outcome").entity(String.class).isEqualTo("EFFECTIVE")
                .path("incident.timeline.edges[4].node.details.taskId").entity(String.class).isEqualTo(task);
    }

    @Test
    void onlyTheAssigneeAcknowledgesStartsOrCompletes() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Disk full on db-3", "SEV3");
        String task = createTask(ic, key, "INFORMATION_GATHERING", "bob");
        assertThat(errorCodes(ic, "acknowledgeTask", Map.of("taskId", task))).containsExactly("NOT_ASSIGNEE");
        assertThat(errorCodes(as("carol"), "startTask", Map.of("taskId", task))).containsExactly("NOT_ASSIGNEE");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", task), "task { status }");
        assertThat(errorCodes(ic, "completeTask", Map.of("taskId", task))).containsExactly("NOT_ASSIGNEE");
        assertThat(timelineKinds(ic, key)).containsExactly("INCIDENT_DECLARED", "TASK_CREATED", "TASK_ACKNOWLEDGED");
    }

    @Test
    void transitionsThatMakeNoSenseAreRefused() {
        GraphQlTester ic = as("alice");
        GraphQlTester bob = as("bob");
        String key = declare(ic, "Cron jobs not running", "SEV4");
        String task = createTask(ic, key, "INFORMATION_GATHERING", "bob");

        assertThat(errorCodes(bob, "completeTask", Map.of("taskId", task))).containsExactly("INVALID_TASK_TRANSITION");
        mutate(bob, "acknowledgeTask", Map.of("taskId", task), "task { status }");
        assertThat(errorCodes(bob, "acknowledgeTask", Map.of("taskId", task))).containsExactly("INVALID_TASK_TRANSITION");
        assertThat(errorCodes(bob, "completeTask", Map.of("taskId", task, "outcome", "EFFECTIVE")))
                .containsExactly("OUTCOME_NOT_APPLICABLE");

        mutate(ic, "cancelTask", Map.of("taskId", task, "reason", "Found the cause elsewhere"), "task { status resolution }")
                .path("cancelTask.task.status").entity(String.class).isEqualTo("CANCELLED")
                .path("cancelTask.task.resolution").entity(String.class).isEqualTo("Found the cause elsewhere");
        assertThat(errorCodes(bob, "completeTask", Map.of("taskId", task))).containsExactly("INVALID_TASK_TRANSITION");
        assertThat(errorCodes(ic, "cancelTask", Map.of("taskId", task))).containsExactly("INVALID_TASK_TRANSITION");
        assertThat(errorCodes(ic, "reassignTask", Map.of("taskId", task, "assignee", "carol"))).containsExactly("INVALID_TASK_TRANSITION");
    }

    @Test
    void startingAnUnacknowledgedTaskAcknowledgesItAndMayMoveTheExpectedTime() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Slow dashboards", "SEV4");
        String task = createTask(ic, key, "INFORMATION_GATHERING", "bob");
        String later = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        mutate(as("bob"), "startTask", Map.of("taskId", task, "dueAt", later), "task { status acknowledgedAt dueAt }")
                .path("startTask.task.status").entity(String.class).isEqualTo("IN_PROGRESS")
                .path("startTask.task.acknowledgedAt").hasValue()
                .path("startTask.task.dueAt").entity(Instant.class).isEqualTo(Instant.parse(later));
    }

    @Test
    void reassignedTaskMustBeAcknowledgedAgainByTheNewAssignee() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Replication lag", "SEV3");
        String task = createTask(ic, key, "MITIGATION", "bob");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", task), "task { status }");
        mutate(ic, "reassignTask", Map.of("taskId", task, "assignee", "carol", "reason", "Bob is off shift"),
                "task { status assignee { handle } acknowledgedAt }")
                .path("reassignTask.task.status").entity(String.class).isEqualTo("ASSIGNED")
                .path("reassignTask.task.assignee.handle").entity(String.class).isEqualTo("carol")
                .path("reassignTask.task.acknowledgedAt").valueIsNull();
        assertThat(errorCodes(ic, "reassignTask", Map.of("taskId", task, "assignee", "carol"))).containsExactly("ALREADY_ASSIGNED");
        assertThat(errorCodes(as("bob"), "acknowledgeTask", Map.of("taskId", task))).containsExactly("NOT_ASSIGNEE");
        mutate(as("carol"), "acknowledgeTask", Map.of("taskId", task), "task { status }");
        ic.documentName("timeline").variable("id", key).execute()
                .path("incident.timeline.edges[3].node.kind").entity(String.class).isEqualTo("TASK_REASSIGNED")
                .path("incident.timeline.edges[3].node.details.from").entity(String.class).isEqualTo("bob")
                .path("incident.timeline.edges[3].node.details.assignee").entity(String.class).isEqualTo("carol");
    }

    @Test
    void badTaskInputIsRefusedWithEveryProblemNamed() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Queue backlog", "SEV3");
        ic.document("mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { code field } } }")
                .variable("input", Map.of("incidentId", key, "kind", "PAGING", "title", "x".repeat(201), "assignee", "",
                        "dueAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()))
                .execute()
                .path("createTask.task").valueIsNull()
                .path("createTask.userErrors[*].code").entityList(String.class).containsExactly("TOO_LONG", "BLANK", "INVALID_VALUE")
                .path("createTask.userErrors[*].field[1]").entityList(String.class).containsExactly("title", "assignee", "dueAt");
        assertThat(errorCodes(ic, "acknowledgeTask", Map.of("taskId", "VGFzazo5OTk5OTk"))).containsExactly("TASK_NOT_FOUND");
        assertThat(errorCodes(ic, "acknowledgeTask", Map.of("taskId", "garbage"))).containsExactly("TASK_NOT_FOUND");
        assertThat(timelineKinds(ic, key)).containsExactly("INCIDENT_DECLARED");
    }

    @Test
    void tasksCanBeListedByStatus() {
        GraphQlTester ic = as("alice");
        String key = declare(ic, "Cache misses", "SEV4");
        String first = createTask(ic, key, "INFORMATION_GATHERING", "bob");
        createTask(ic, key, "INTERNAL_COMMS", "carol");
        mutate(as("bob"), "acknowledgeTask", Map.of("taskId", first), "task { status }");
        ic.document("query($id: ID!) { incident(id: $id) { tasks(status: [ASSIGNED]) { assignee { handle } } } }")
                .variable("id", key).execute()
                .path("incident.tasks[*].assignee.handle").entityList(String.class).containsExactly("carol");
    }
}
