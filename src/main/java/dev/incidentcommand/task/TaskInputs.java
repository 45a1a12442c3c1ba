package dev.incidentcommand.task;

import java.time.Instant;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.incident.IncidentInput;
import dev.incidentcommand.incident.MutationInput;

/** The task mutations' inputs, as the schema defines them, each checking itself. */
final class TaskInputs {

    private TaskInputs() {
    }

    /** The input of a mutation on one task, named by its id. */
    interface TaskInput<I extends TaskInput<I>> extends MutationInput<I> {
        String taskId();
    }

    record CreateTaskInput(String incidentId, TaskKind kind, String title, String assignee, Instant dueAt,
                           String idempotencyKey) implements IncidentInput<CreateTaskInput> {
        @Override
        public CreateTaskInput check(Inputs inputs) {
            return new CreateTaskInput(incidentId, kind, inputs.required("title", title, Inputs.TITLE),
                    inputs.handle("assignee", assignee), inputs.notInPast("dueAt", dueAt), idempotencyKey);
        }
    }

    record AcknowledgeTaskInput(String taskId, String idempotencyKey) implements TaskInput<AcknowledgeTaskInput> {
        @Override
        public AcknowledgeTaskInput check(Inputs inputs) {
            return this;
        }
    }

    record StartTaskInput(String taskId, Instant dueAt, String overrideReason, String idempotencyKey)
            implements TaskInput<StartTaskInput> {
        @Override
        public StartTaskInput check(Inputs inputs) {
            return new StartTaskInput(taskId, inputs.notInPast("dueAt", dueAt),
                    inputs.optional("overrideReason", overrideReason, Inputs.REASON), idempotencyKey);
        }
    }

    record CompleteTaskInput(String taskId, MitigationOutcome outcome, String resolution, String idempotencyKey)
            implements TaskInput<CompleteTaskInput> {
        @Override
        public CompleteTaskInput check(Inputs inputs) {
            return new CompleteTaskInput(taskId, outcome, inputs.optional("resolution", resolution, Inputs.BODY), idempotencyKey);
        }
    }

    record CancelTaskInput(String taskId, String reason, String idempotencyKey) implements TaskInput<CancelTaskInput> {
        @Override
        public CancelTaskInput check(Inputs inputs) {
            return new CancelTaskInput(taskId, inputs.optional("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    record ReassignTaskInput(String taskId, String assignee, String reason, String idempotencyKey)
            implements TaskInput<ReassignTaskInput> {
        @Override
        public ReassignTaskInput check(Inputs inputs) {
            return new ReassignTaskInput(taskId, inputs.handle("assignee", assignee),
                    inputs.optional("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    record RescheduleTaskInput(String taskId, Instant dueAt, String reason, String idempotencyKey)
            implements TaskInput<RescheduleTaskInput> {
        @Override
        public RescheduleTaskInput check(Inputs inputs) {
            return new RescheduleTaskInput(taskId, inputs.notInPast("dueAt", dueAt),
                    inputs.required("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    record RecordMitigationOutcomeInput(String taskId, MitigationOutcome outcome, String evidence, String idempotencyKey)
            implements TaskInput<RecordMitigationOutcomeInput> {
        @Override
        public RecordMitigationOutcomeInput check(Inputs inputs) {
            return new RecordMitigationOutcomeInput(taskId, outcome, inputs.optional("evidence", evidence, Inputs.REASON),
                    idempotencyKey);
        }
    }
}
