package dev.incidentcommand.task;

import java.time.Instant;

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
                    "Only MITIGATION tasks have an outcome; this is " + task.kind().aTask() + ".");
        }
    }

    /**
     * An outcome is judged on a finished mitigation, by whoever ran it or by the commander; a later
     * judgement corrects an earlier one.
     */
    static void judge(Task task, long actorId, boolean actorCommands, MitigationOutcome outcome) {
        if (task.kind() != TaskKind.MITIGATION) {
            throw Refusal.onInput("taskId", UserErrorCode.OUTCOME_NOT_APPLICABLE,
                    "Only MITIGATION tasks have an outcome; this is " + task.kind().aTask() + ".");
        }
        if (task.assigneeId() != actorId && !actorCommands) {
            throw new Refusal(UserErrorCode.NOT_ASSIGNEE,
                    "Only the mitigation's assignee or the incident's commander can judge its outcome.");
        }
        if (task.status() != TaskStatus.DONE) {
            throw new Refusal(UserErrorCode.INVALID_TASK_TRANSITION,
                    "The mitigation is " + task.status() + "; its outcome is recorded once it is done.");
        }
        if (task.outcome() == outcome) {
            throw Refusal.onInput("outcome", UserErrorCode.NO_CHANGE, "The outcome is already recorded as " + outcome + ".");
        }
    }

    /** A new expected time, from the assignee who knows or the commander who asks; any open task. */
    static void reschedule(Task task, long actorId, boolean actorCommands, Instant dueAt) {
        requireOpen(task, "rescheduled");
        if (task.assigneeId() != actorId && !actorCommands) {
            throw new Refusal(UserErrorCode.NOT_ASSIGNEE,
                    "Only the task's assignee or the incident's commander can reschedule it.");
        }
        if (dueAt.equals(task.dueAt())) {
            throw Refusal.onInput("dueAt", UserErrorCode.NO_CHANGE, "The task is already expected done at this time.");
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
