package dev.incidentcommand.task;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.change.Payloads;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.common.Actor;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.Snapshots;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.responder.ResponderBatches;
import dev.incidentcommand.task.TaskService.AcknowledgeTaskInput;
import dev.incidentcommand.task.TaskService.CancelTaskInput;
import dev.incidentcommand.task.TaskService.CompleteTaskInput;
import dev.incidentcommand.task.TaskService.CreateTaskInput;
import dev.incidentcommand.task.TaskService.ReassignTaskInput;
import dev.incidentcommand.task.TaskService.StartTaskInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
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
    private final Snapshots snapshots;
    private final Clock clock;

    TaskController(TaskService service, TaskRepository tasks, IncidentRepository incidents, ResponderBatches responders,
                   Snapshots snapshots, Clock clock) {
        this.service = service;
        this.tasks = tasks;
        this.incidents = incidents;
        this.responders = responders;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @SchemaMapping(typeName = "Incident")
    Mono<List<Task>> tasks(Incident incident, @Argument List<TaskStatus> status) {
        return snapshots.of("tasks", incident, () -> tasks.findByIncidents(List.of(incident.id())))
                .map(all -> status == null ? all : all.stream().filter(t -> status.contains(t.status())).toList());
    }

    @SchemaMapping(typeName = "Task")
    String id(Task task) {
        return Ids.encode(Ids.Type.Task, task.id());
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

    @MutationMapping
    Mono<TaskPayload> createTask(@Argument CreateTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.create(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> acknowledgeTask(@Argument AcknowledgeTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.acknowledge(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> startTask(@Argument StartTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.start(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> completeTask(@Argument CompleteTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.complete(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> cancelTask(@Argument CancelTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.cancel(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> reassignTask(@Argument ReassignTaskInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.reassign(input, actor.requireHandle()));
    }

    @MutationMapping
    Mono<TaskPayload> recordMitigationOutcome(@Argument TaskService.RecordMitigationOutcomeInput input,
                                              @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return respond(service.recordOutcome(input, actor.requireHandle()));
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
