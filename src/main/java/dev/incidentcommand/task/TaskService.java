package dev.incidentcommand.task;

import java.util.List;
import java.util.function.BiFunction;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.ChangeContext;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentChanges;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRules;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Receipt;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.task.TaskEvent.MitigationOutcomeRecorded;
import dev.incidentcommand.task.TaskEvent.TaskAcknowledged;
import dev.incidentcommand.task.TaskEvent.TaskCancelled;
import dev.incidentcommand.task.TaskEvent.TaskCompleted;
import dev.incidentcommand.task.TaskEvent.TaskCreated;
import dev.incidentcommand.task.TaskEvent.TaskReassigned;
import dev.incidentcommand.task.TaskEvent.TaskRescheduled;
import dev.incidentcommand.task.TaskEvent.TaskStarted;
import dev.incidentcommand.task.TaskInputs.AcknowledgeTaskInput;
import dev.incidentcommand.task.TaskInputs.CancelTaskInput;
import dev.incidentcommand.task.TaskInputs.CompleteTaskInput;
import dev.incidentcommand.task.TaskInputs.CreateTaskInput;
import dev.incidentcommand.task.TaskInputs.ReassignTaskInput;
import dev.incidentcommand.task.TaskInputs.RecordMitigationOutcomeInput;
import dev.incidentcommand.task.TaskInputs.RescheduleTaskInput;
import dev.incidentcommand.task.TaskInputs.StartTaskInput;
import dev.incidentcommand.task.TaskInputs.TaskInput;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Delegating work and moving it along. */
@Service
class TaskService {

    private final IncidentChanges changes;
    private final TaskRepository tasks;
    private final ResponderRepository responders;
    private final DelegationRules rules;

    TaskService(IncidentChanges changes, TaskRepository tasks, ResponderRepository responders, DelegationRules rules) {
        this.changes = changes;
        this.tasks = tasks;
        this.responders = responders;
        this.rules = rules;
    }

    Mono<Receipt> create(Mutation<CreateTaskInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                responders.ensure(input.assignee()).flatMap(owner -> {
                    if (input.kind().duringResponse()) {
                        IncidentRules.requireActive(incident);
                    }
                    rules.checkNotCommander(incident, input.kind(), owner.id(), "assignee");
                    return tasks.insert(incident.id(), input.kind(), input.title(), owner.id(), context.actor().id(),
                                    context.now(), input.dueAt())
                            .map(task -> {
                                context.record(new TaskCreated(idOf(task), task.kind(), task.title(), owner.handle(), input.dueAt()));
                                return Receipt.of(incident.id(), task.id());
                            });
                })));
    }

    Mono<Receipt> acknowledge(Mutation<AcknowledgeTaskInput> mutation) {
        return onTask(mutation, true, (on, input) -> {
            Task task = on.task();
            ChangeContext context = on.context();
            TaskRules.acknowledge(task, context.actor().id());
            rules.checkNotCommander(on.incident(), task.kind(), context.actor().id(), null);
            context.record(new TaskAcknowledged(idOf(task), task.kind(), task.title(), context.actor().handle()));
            return tasks.save(task.acknowledged(context.now()));
        });
    }

    Mono<Receipt> start(Mutation<StartTaskInput> mutation) {
        return onTask(mutation, true, (on, input) -> {
            Task task = on.task();
            ChangeContext context = on.context();
            TaskRules.start(task, context.actor().id());
            rules.checkNotCommander(on.incident(), task.kind(), context.actor().id(), null);
            return tasks.findByIncidents(List.of(task.incidentId())).flatMap(all -> {
                boolean overridden = rules.checkStart(on.incident(), task, all, context.now(), input.overrideReason());
                Task started = task.started(context.now(), input.dueAt(), overridden ? input.overrideReason() : null);
                context.record(new TaskStarted(idOf(task), task.kind(), task.title(), context.actor().handle(),
                        started.dueAt(), overridden ? true : null, overridden ? input.overrideReason() : null));
                return tasks.save(started);
            });
        });
    }

    /**
     * A mitigation completed without being started counts as started now, under the same rule as
     * starting it: it cannot slip past one mitigation at a time.
     */
    Mono<Receipt> complete(Mutation<CompleteTaskInput> mutation) {
        return onTask(mutation, false, (on, input) -> {
            Task task = on.task();
            ChangeContext context = on.context();
            TaskRules.complete(task, context.actor().id(), input.outcome());
            Mono<Task> worked = task.isMitigation() && task.startedAt() == null
                    ? tasks.findByIncidents(List.of(task.incidentId())).map(all -> {
                        rules.checkStart(on.incident(), task, all, context.now(), null);
                        return task.started(context.now(), null, null);
                    })
                    : Mono.just(task);
            return worked.flatMap(done -> {
                context.record(new TaskCompleted(idOf(task), task.kind(), task.title(), context.actor().handle(),
                        input.outcome(), input.resolution()));
                return tasks.save(done.finished(TaskStatus.DONE, context.now(), input.outcome(), input.resolution()));
            });
        });
    }

    Mono<Receipt> cancel(Mutation<CancelTaskInput> mutation) {
        return onTask(mutation, false, (on, input) -> {
            Task task = on.task();
            TaskRules.cancel(task);
            on.context().record(new TaskCancelled(idOf(task), task.kind(), task.title(), input.reason()));
            return tasks.save(task.finished(TaskStatus.CANCELLED, on.context().now(), task.outcome(), input.reason()));
        });
    }

    Mono<Receipt> reassign(Mutation<ReassignTaskInput> mutation) {
        return onTask(mutation, true, (on, input) -> responders.ensure(input.assignee()).flatMap(owner -> {
                    Task task = on.task();
                    ChangeContext context = on.context();
                    TaskRules.reassign(task, owner.id());
                    rules.checkNotCommander(on.incident(), task.kind(), owner.id(), "assignee");
                    return responders.findByIds(List.of(task.assigneeId())).flatMap(previous -> {
                        context.record(new TaskReassigned(idOf(task), task.kind(), task.title(), owner.handle(),
                                previous.get(task.assigneeId()).handle(), input.reason()));
                        return tasks.save(task.reassigned(owner.id(), context.now()));
                    });
                }));
    }

    Mono<Receipt> reschedule(Mutation<RescheduleTaskInput> mutation) {
        return onTask(mutation, true, (on, input) -> {
            Task task = on.task();
            ChangeContext context = on.context();
            TaskRules.reschedule(task, context.actor().id(), on.incident().isCommander(context.actor().id()), input.dueAt());
            return responders.findByIds(List.of(task.assigneeId())).flatMap(people -> {
                context.record(new TaskRescheduled(idOf(task), task.kind(), task.title(),
                        people.get(task.assigneeId()).handle(), task.dueAt(), input.dueAt(), input.reason()));
                return tasks.save(task.rescheduled(input.dueAt()));
            });
        });
    }

    Mono<Receipt> recordOutcome(Mutation<RecordMitigationOutcomeInput> mutation) {
        return onTask(mutation, false, (on, input) -> {
            Task task = on.task();
            long actor = on.context().actor().id();
            TaskRules.judge(task, actor, on.incident().isCommander(actor), input.outcome());
            on.context().record(new MitigationOutcomeRecorded(idOf(task), task.kind(), task.title(), input.outcome(),
                    task.outcome(), input.evidence()));
            return tasks.save(task.judged(input.outcome()));
        });
    }

    /** What a change to one task sees: the task and its incident as they are under the incident's lock. */
    private record OnTask(Task task, Incident incident, ChangeContext context) {
    }

    /**
     * Runs a change on one task: checks the input (so nothing is locked for a malformed request),
     * finds the task's incident, takes the incident's lock through the unit of work, then reads the
     * task as it is under that lock. Work of the response needs the incident unresolved (when
     * {@code duringResponse}); follow-ups are done after it.
     */
    private <I extends TaskInput<I>> Mono<Receipt> onTask(Mutation<I> mutation, boolean duringResponse,
                                                          BiFunction<OnTask, I, Mono<Void>> change) {
        return mutation.checked().flatMap(input -> {
            long taskId = Ids.decode(Ids.Type.Task, input.taskId()).orElseThrow(TaskService::noSuchTask);
            return tasks.incidentIdOf(taskId)
                    .switchIfEmpty(Mono.error(TaskService::noSuchTask))
                    .flatMap(incidentId -> changes.change(mutation, IncidentRef.of(incidentId), (incident, context) ->
                            tasks.find(taskId)
                                    .flatMap(task -> {
                                        if (duringResponse && task.kind().duringResponse()) {
                                            IncidentRules.requireActive(incident);
                                        }
                                        return change.apply(new OnTask(task, incident, context), input);
                                    })
                                    .thenReturn(Receipt.of(incident.id(), taskId))));
        });
    }

    private static String idOf(Task task) {
        return Ids.encode(Ids.Type.Task, task.id());
    }

    private static Refusal noSuchTask() {
        return Refusal.onInput("taskId", UserErrorCode.TASK_NOT_FOUND, "There is no task with this id.");
    }
}
