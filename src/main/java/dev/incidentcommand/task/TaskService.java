package dev.incidentcommand.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.incidentcommand.change.ChangeContext;
import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.change.MutationRequest;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.command.DisciplineProperties;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentInputs;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRules;
import dev.incidentcommand.responder.ResponderRepository;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.change.ChangeContext.details;

/** Delegating work and moving it along. */
@Service
class TaskService {

    record CreateTaskInput(String incidentId, TaskKind kind, String title, String assignee, Instant dueAt,
                           String idempotencyKey) {
    }

    record AcknowledgeTaskInput(String taskId, String idempotencyKey) {
    }

    record StartTaskInput(String taskId, Instant dueAt, String overrideReason, String idempotencyKey) {
    }

    record RecordMitigationOutcomeInput(String taskId, MitigationOutcome outcome, String evidence, String idempotencyKey) {
    }

    /** What a change to one task sees: the task and its incident as they are under the incident's lock. */
    private record OnTask(Task task, Incident incident, ChangeContext context) {
    }

    record CompleteTaskInput(String taskId, MitigationOutcome outcome, String resolution, String idempotencyKey) {
    }

    record CancelTaskInput(String taskId, String reason, String idempotencyKey) {
    }

    record ReassignTaskInput(String taskId, String assignee, String reason, String idempotencyKey) {
    }

    private final IncidentChanges changes;
    private final TaskRepository tasks;
    private final ResponderRepository responders;
    private final DisciplineProperties discipline;
    private final Clock clock;

    TaskService(IncidentChanges changes, TaskRepository tasks, ResponderRepository responders,
                DisciplineProperties discipline, Clock clock) {
        this.changes = changes;
        this.tasks = tasks;
        this.responders = responders;
        this.discipline = discipline;
        this.clock = clock;
    }

    Mono<Receipt> create(CreateTaskInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String title = check.required("title", input.title(), Inputs.TITLE);
            String assignee = check.handle("assignee", input.assignee());
            Instant dueAt = check.notInPast("dueAt", input.dueAt(), clock.instant());
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return responders.ensure(assignee).flatMap(owner ->
                    changes.change(MutationRequest.of("createTask", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                        IncidentRules.requireActive(incident);
                        MitigationRules.requireNotCommander(incident, input.kind(), owner.id(), "assignee");
                        return tasks.insert(incident.id(), input.kind(), title, owner.id(), context.actor().id(), context.now(), dueAt)
                                .map(task -> {
                                    context.record(TimelineEventKind.TASK_CREATED,
                                            context.actor().handle() + " asked " + owner.handle() + " to " + title
                                                    + " (" + task.kind() + ")",
                                            taskDetails(task, owner.handle(), "dueAt", dueAt == null ? null : dueAt.toString()));
                                    return Receipt.of(incident.id(), task.id());
                                });
                    }));
        });
    }

    Mono<Receipt> acknowledge(AcknowledgeTaskInput input, String actor) {
        return onTask("acknowledgeTask", input.taskId(), actor, input.idempotencyKey(), input, on -> {
            Task task = on.task();
            ChangeContext context = on.context();
            TaskRules.acknowledge(task, context.actor().id());
            MitigationRules.requireNotCommander(on.incident(), task.kind(), context.actor().id(), null);
            context.record(TimelineEventKind.TASK_ACKNOWLEDGED,
                    context.actor().handle() + " acknowledged: " + task.title(),
                    taskDetails(task, context.actor().handle()));
            return tasks.save(task.acknowledged(context.now()));
        }, true);
    }

    Mono<Receipt> start(StartTaskInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            Instant dueAt = check.notInPast("dueAt", input.dueAt(), clock.instant());
            String overrideReason = check.optional("overrideReason", input.overrideReason(), Inputs.REASON);
            check.orRefuse();
            return onTask("startTask", input.taskId(), actor, input.idempotencyKey(), input, on -> {
                Task task = on.task();
                ChangeContext context = on.context();
                TaskRules.start(task, context.actor().id());
                MitigationRules.requireNotCommander(on.incident(), task.kind(), context.actor().id(), null);
                return tasks.findByIncidents(List.of(task.incidentId())).flatMap(all -> {
                    boolean overridden = MitigationRules.checkStart(on.incident(), task, all, context.now(),
                            discipline.settleInterval(), overrideReason);
                    Task started = task.started(context.now(), dueAt, overridden ? overrideReason : null);
                    context.record(TimelineEventKind.TASK_STARTED,
                            context.actor().handle() + " started: " + task.title()
                                    + (started.dueAt() == null ? "" : " (expected done by " + Times.readable(started.dueAt()) + ")")
                                    + (overridden ? " – overriding one mitigation at a time: " + overrideReason : ""),
                            taskDetails(task, context.actor().handle(), "dueAt",
                                    started.dueAt() == null ? null : started.dueAt().toString(),
                                    "override", overridden ? true : null, "overrideReason", overridden ? overrideReason : null));
                    return tasks.save(started);
                });
            }, true);
        });
    }

    Mono<Receipt> complete(CompleteTaskInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String resolution = check.optional("resolution", input.resolution(), Inputs.BODY);
            check.orRefuse();
            return onTask("completeTask", input.taskId(), actor, input.idempotencyKey(), input, on -> {
                Task task = on.task();
                ChangeContext context = on.context();
                TaskRules.complete(task, context.actor().id(), input.outcome());
                context.record(TimelineEventKind.TASK_COMPLETED,
                        context.actor().handle() + " completed: " + task.title()
                                + (input.outcome() == null ? "" : " – outcome " + input.outcome())
                                + (resolution == null ? "" : ": " + resolution),
                        taskDetails(task, context.actor().handle(), "outcome", input.outcome(), "resolution", resolution));
                return tasks.save(task.finished(TaskStatus.DONE, context.now(), input.outcome(), resolution));
            }, false);
        });
    }

    Mono<Receipt> cancel(CancelTaskInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String reason = check.optional("reason", input.reason(), Inputs.REASON);
            check.orRefuse();
            return onTask("cancelTask", input.taskId(), actor, input.idempotencyKey(), input, on -> {
                Task task = on.task();
                TaskRules.cancel(task);
                on.context().record(TimelineEventKind.TASK_CANCELLED,
                        on.context().actor().handle() + " cancelled: " + task.title() + (reason == null ? "" : " – " + reason),
                        taskDetails(task, null, "reason", reason));
                return tasks.save(task.finished(TaskStatus.CANCELLED, on.context().now(), task.outcome(), reason));
            }, false);
        });
    }

    Mono<Receipt> reassign(ReassignTaskInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String assignee = check.handle("assignee", input.assignee());
            String reason = check.optional("reason", input.reason(), Inputs.REASON);
            check.orRefuse();
            return responders.ensure(assignee).flatMap(owner ->
                    onTask("reassignTask", input.taskId(), actor, input.idempotencyKey(), input, on -> {
                        Task task = on.task();
                        ChangeContext context = on.context();
                        TaskRules.reassign(task, owner.id());
                        MitigationRules.requireNotCommander(on.incident(), task.kind(), owner.id(), "assignee");
                        return responders.findByIds(List.of(task.assigneeId())).flatMap(previous -> {
                            String from = previous.get(task.assigneeId()).handle();
                            context.record(TimelineEventKind.TASK_REASSIGNED,
                                    context.actor().handle() + " gave \"" + task.title() + "\" from " + from + " to "
                                            + owner.handle() + (reason == null ? "" : ": " + reason),
                                    taskDetails(task, owner.handle(), "from", from, "reason", reason));
                            return tasks.save(task.reassigned(owner.id(), context.now()));
                        });
                    }, true));
        });
    }

    Mono<Receipt> recordOutcome(RecordMitigationOutcomeInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String evidence = check.optional("evidence", input.evidence(), Inputs.REASON);
            check.orRefuse();
            return onTask("recordMitigationOutcome", input.taskId(), actor, input.idempotencyKey(), input, on -> {
                Task task = on.task();
                TaskRules.judge(task);
                on.context().record(TimelineEventKind.MITIGATION_OUTCOME_RECORDED,
                        on.context().actor().handle() + " judged \"" + task.title() + "\": " + input.outcome()
                                + (task.outcome() == null ? "" : " (was " + task.outcome() + ")")
                                + (evidence == null ? "" : " – " + evidence),
                        taskDetails(task, null, "outcome", input.outcome(), "previousOutcome", task.outcome(), "evidence", evidence));
                return tasks.save(task.judged(input.outcome()));
            }, false);
        });
    }

    /**
     * Runs a change on one task: finds its incident, takes the incident's lock through the change
     * mechanism, then reads the task as it is under that lock. Callers check their input first,
     * so nothing is locked for a request that is malformed anyway.
     */
    private Mono<Receipt> onTask(String mutation, String rawTaskId, String actor, String idempotencyKey, Record input,
                                 Function<OnTask, Mono<Void>> change, boolean needsActiveIncident) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            check.idempotencyKey(idempotencyKey);
            check.orRefuse();
            long taskId = Ids.decode(Ids.Type.Task, rawTaskId).orElseThrow(TaskService::noSuchTask);
            return tasks.incidentIdOf(taskId)
                    .switchIfEmpty(Mono.error(TaskService::noSuchTask))
                    .flatMap(incidentId -> changes.change(MutationRequest.of(mutation, actor, idempotencyKey, input),
                            IncidentRef.of(incidentId), (incident, context) -> {
                                if (needsActiveIncident) {
                                    IncidentRules.requireActive(incident);
                                }
                                return tasks.find(taskId)
                                        .flatMap(task -> change.apply(new OnTask(task, incident, context)))
                                        .thenReturn(Receipt.of(incident.id(), taskId));
                            }));
        });
    }

    private static Refusal noSuchTask() {
        return Refusal.onInput("taskId", UserErrorCode.TASK_NOT_FOUND, "There is no task with this id.");
    }

    private static java.util.Map<String, Object> taskDetails(Task task, String assignee, Object... more) {
        java.util.Map<String, Object> details = details("taskId", Ids.encode(Ids.Type.Task, task.id()),
                "kind", task.kind(), "title", task.title(), "assignee", assignee);
        details.putAll(details(more));
        return details;
    }
}
