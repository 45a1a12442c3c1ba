package dev.incidentcommand.task;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Shortcut;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Payloads;
import dev.incidentcommand.incident.Receipt;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderIdentities;
import dev.incidentcommand.task.TaskInputs.AcknowledgeTaskInput;
import dev.incidentcommand.task.TaskInputs.CancelTaskInput;
import dev.incidentcommand.task.TaskInputs.CompleteTaskInput;
import dev.incidentcommand.task.TaskInputs.CreateTaskInput;
import dev.incidentcommand.task.TaskInputs.ReassignTaskInput;
import dev.incidentcommand.task.TaskInputs.RecordMitigationOutcomeInput;
import dev.incidentcommand.task.TaskInputs.RescheduleTaskInput;
import dev.incidentcommand.task.TaskInputs.StartTaskInput;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class TaskController {

    /** Backs every task mutation's payload. */
    record TaskPayload(Task task, List<UserError> userErrors) {
    }

    private final TaskService service;
    private final TaskRepository tasks;
    private final IncidentRepository incidents;
    private final ResponderBatches responders;
    private final Clock clock;

    TaskController(TaskService service, TaskRepository tasks, IncidentRepository incidents, ResponderBatches responders, Clock clock) {
        this.service = service;
        this.tasks = tasks;
        this.incidents = incidents;
        this.responders = responders;
        this.clock = clock;
    }

    @BatchMapping(typeName = "Task")
    Mono<Map<Task, Incident>> incident(List<Task> list) {
        return incidents.incidentsOf(list, Task::incidentId);
    }

    @BatchMapping(typeName = "Task")
    Mono<Map<Task, Responder>> assignee(List<Task> list) {
        return responders.of(list, Task::assigneeId);
    }

    @BatchMapping(typeName = "Task")
    Mono<Map<Task, Responder>> createdBy(List<Task> list) {
        return responders.of(list, Task::createdById);
    }

    /** A board shows each task's assignee by handle, which needs no reading once it is known. */
    @Bean
    static Shortcut knownAssignee(ResponderIdentities identities) {
        return identities.byId("Task.assignee", Task::assigneeId);
    }

    @Bean
    static Shortcut knownTaskCreator(ResponderIdentities identities) {
        return identities.byId("Task.createdBy", Task::createdById);
    }

    @MutationMapping
    Mono<TaskPayload> createTask(Mutation<CreateTaskInput> mutation) {
        return respond(service.create(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> acknowledgeTask(Mutation<AcknowledgeTaskInput> mutation) {
        return respond(service.acknowledge(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> startTask(Mutation<StartTaskInput> mutation) {
        return respond(service.start(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> completeTask(Mutation<CompleteTaskInput> mutation) {
        return respond(service.complete(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> cancelTask(Mutation<CancelTaskInput> mutation) {
        return respond(service.cancel(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> reassignTask(Mutation<ReassignTaskInput> mutation) {
        return respond(service.reassign(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> rescheduleTask(Mutation<RescheduleTaskInput> mutation) {
        return respond(service.reschedule(mutation));
    }

    @MutationMapping
    Mono<TaskPayload> recordMitigationOutcome(Mutation<RecordMitigationOutcomeInput> mutation) {
        return respond(service.recordOutcome(mutation));
    }

    @SchemaMapping(typeName = "Task")
    boolean overdue(Task task) {
        return task.overdue(clock.instant());
    }

    private Mono<TaskPayload> respond(Mono<Receipt> change) {
        return Payloads.respond(change,
                receipt -> tasks.find(receipt.subjectId()).map(task -> new TaskPayload(task, List.of())),
                errors -> new TaskPayload(null, errors));
    }
}
