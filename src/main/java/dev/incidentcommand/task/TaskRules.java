package dev.incidentcommand.task;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;

/** Who may move a task, and from where to where. Free of I/O. */
final class TaskRules {

    private TaskRules() {
    }

    static void acknowledge(Task task, long actorId) {
        requireAssignee(task, actorId, "acknowledge");
        if (task.status() != TaskStatus.ASSIGNED) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION,
                    "The task is " + task.status() + "; only an ASSIGNED task can be acknowledged.");
        }
    }

    static void start(Task task, long actorId) {
        requireAssignee(task, actorId, "start");
        if (task.status() != TaskStatus.ASSIGNED && task.status() != TaskStatus.ACKNOWLEDGED) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION,
                    "The task is " + task.status() + "; only an ASSIGNED or ACKNOWLEDGED task can be started.");
        }
    }

    static void complete(Task task, long actorId, MitigationOutcome outcome) {
        requireAssignee(task, actorId, "complete");
        if (task.status() != TaskStatus.ACKNOWLEDGED && task.status() != TaskStatus.IN_PROGRESS) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION, task.status() == TaskStatus.ASSIGNED
                    ? "The task has not been acknowledged yet; acknowledge or start it before completing it."
                    : "The task is " + task.status() + " and cannot be completed.");
        }
        if (outcome != null && task.kind() != TaskKind.MITIGATION) {
            throw Refusal.onInput("outcome", UserErrorCode.OUTCOME_NOT_APPLICABLE,
                    "Only MITIGATION tasks have an outcome; this is a " + task.kind() + " task.");
        }
    }

    /** An outcome is judged on a finished mitigation; a later judgement corrects an earlier one. */
    static void judge(Task task) {
        if (task.kind() != TaskKind.MITIGATION) {
            throw Refusal.onInput("taskId", UserErrorCode.OUTCOME_NOT_APPLICABLE,
                    "Only MITIGATION tasks have an outcome; this is a " + task.kind() + " task.");
        }
        if (task.status() != TaskStatus.DONE) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION,
                    "The mitigation is " + task.status() + "; its outcome is recorded once it is done.");
        }
    }

    static void cancel(Task task) {
        requireOpen(task, "cancelled");
    }

    static void reassign(Task task, long newAssigneeId) {
        requireOpen(task, "reassigned");
        if (task.assigneeId() == newAssigneeId) {
            throw Refusal.onInput("assignee", UserErrorCode.ALREADY_ASSIGNED, "The task is already assigned to them.");
        }
    }

    private static void requireOpen(Task task, String verb) {
        if (!task.status().isOpen()) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION,
                    "The task is " + task.status() + " and cannot be " + verb + ".");
        }
    }

    private static void requireAssignee(Task task, long actorId, String verb) {
        if (task.assigneeId() != actorId) {
            throw new Refusal(UserErrorCode.NOT_ASSIGNEE, "Only the task's assignee can " + verb + " it.");
        }
    }
}
