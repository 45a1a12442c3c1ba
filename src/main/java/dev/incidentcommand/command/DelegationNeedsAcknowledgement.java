package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.DelegationUnacknowledged;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskRepository.Reminders;
import dev.incidentcommand.task.TaskStatus;

/**
 * Rule 2: a task is not delegated until its assignee acknowledges it. An assignment left
 * unacknowledged is recorded as a reminder once per {@code remindAfter}, until acknowledged.
 */
final class DelegationNeedsAcknowledgement {

    private DelegationNeedsAcknowledgement() {
    }

    static void assess(Task task, String assignee, Instant now, Duration remindAfter, Assessment into) {
        if (task.status() != TaskStatus.ASSIGNED) {
            return;
        }
        Reminders given = into.remindersOf(task);
        Instant remindedAt = given.ackRemindedAt();
        Instant since = remindedAt != null && remindedAt.isAfter(task.assignedAt()) ? remindedAt : task.assignedAt();
        Instant remindAt = since.plus(remindAfter);
        if (now.isBefore(remindAt)) {
            into.lookAgainAt(remindAt);
            return;
        }
        into.remember(task, new Reminders(now, given.overdueReportedFor()));
        into.find(new DelegationUnacknowledged(Ids.encode(Ids.Type.Task, task.id()), task.kind(), task.title(), assignee,
                task.status(), task.assignedAt()));
        into.lookAgainAt(now.plus(remindAfter));
    }
}
