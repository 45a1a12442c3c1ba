package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;

/**
 * Rule 3: mitigations run one at a time, so the effect of each can be told apart. A second
 * cannot start while one is in progress, nor until the previous one's outcome is judged or the
 * settle interval has passed. A SEV1 may override this, with a reason that is recorded.
 */
final class OneMitigationAtATime {

    private OneMitigationAtATime() {
    }

    /** May {@code task} start now? Refuses or, on a SEV1 with a reason, allows; returns whether overridden. */
    static boolean checkStart(Incident incident, Task task, List<Task> incidentTasks, Instant now, Duration settle,
                              String overrideReason) {
        if (!task.isMitigation()) {
            return false;
        }
        Refusal conflict = conflict(task, incidentTasks, now, settle);
        if (conflict == null) {
            return false;
        }
        if (overrideReason == null) {
            throw conflict;
        }
        if (incident.severity() != Severity.SEV1) {
            throw Refusal.onInput("overrideReason", UserErrorCode.OVERRIDE_NOT_ALLOWED,
                    "Only a SEV1 may run mitigations side by side; " + incident.key() + " is " + incident.severity()
                            + ". " + conflict.getMessage());
        }
        return true;
    }

    private static Refusal conflict(Task task, List<Task> incidentTasks, Instant now, Duration settle) {
        Task running = incidentTasks.stream()
                .filter(t -> t.isMitigation() && t.status() == TaskStatus.IN_PROGRESS && t.id() != task.id())
                .findFirst().orElse(null);
        if (running != null) {
            return new Refusal(UserErrorCode.MITIGATION_IN_PROGRESS, "The mitigation \"" + running.title()
                    + "\" is in progress; start this one when it is done, so the effect of each can be told apart.");
        }
        Task last = incidentTasks.stream()
                .filter(t -> t.isMitigation() && t.status() == TaskStatus.DONE && t.finishedAt() != null)
                .max(Comparator.comparing(Task::finishedAt)).orElse(null);
        if (last != null && last.outcome() == null && now.isBefore(last.finishedAt().plus(settle))) {
            return new Refusal(UserErrorCode.MITIGATION_SETTLING, "The effect of \"" + last.title()
                    + "\" is not judged yet: record its outcome (recordMitigationOutcome) or wait until "
                    + Times.readable(last.finishedAt().plus(settle)) + ".");
        }
        return null;
    }
}
