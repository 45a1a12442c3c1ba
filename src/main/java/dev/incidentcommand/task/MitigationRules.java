package dev.incidentcommand.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.Severity;

/**
 * Rules 1 and 3 of command: the commander does not mitigate, and mitigations run one at a time so
 * the effect of each can be told apart. Free of I/O.
 */
public final class MitigationRules {

    private MitigationRules() {
    }

    /** A MITIGATION may not be given to, acknowledged by or started by the commander. */
    static void requireNotCommander(Incident incident, TaskKind kind, long responderId, String field) {
        if (kind == TaskKind.MITIGATION && incident.commanderId() != null && incident.commanderId() == responderId) {
            Refusal refusal = new Refusal(UserErrorCode.COMMANDER_CANNOT_MITIGATE,
                    "The incident commander coordinates and does not mitigate; give this MITIGATION to someone else.");
            throw field == null ? refusal : Refusal.onInput(field, UserErrorCode.COMMANDER_CANNOT_MITIGATE, refusal.getMessage());
        }
    }

    /** Command cannot pass to someone who holds an open mitigation: it must be reassigned first. */
    public static void requireNoMitigationsHeld(List<Task> openMitigations, String handle, String field) {
        if (!openMitigations.isEmpty()) {
            throw Refusal.onInput(field, UserErrorCode.COMMANDER_CANNOT_MITIGATE,
                    handle + " holds the MITIGATION \"" + openMitigations.get(0).title()
                            + "\"; reassign it before they take command, since the commander does not mitigate.");
        }
    }

    /**
     * May this MITIGATION start now? Refuses while another is in progress, or while the last one
     * finished without a recorded outcome less than {@code settle} ago. On a SEV1 an override
     * reason lets it start anyway; returns whether the override was needed.
     */
    static boolean checkStart(Incident incident, Task task, List<Task> incidentTasks, Instant now, Duration settle,
                              String overrideReason) {
        if (task.kind() != TaskKind.MITIGATION) {
            return false;
        }
        Refusal conflict = null;
        Task running = incidentTasks.stream()
                .filter(t -> t.kind() == TaskKind.MITIGATION && t.status() == TaskStatus.IN_PROGRESS && t.id() != task.id())
                .findFirst().orElse(null);
        if (running != null) {
            conflict = new Refusal(UserErrorCode.MITIGATION_IN_PROGRESS, "The mitigation \"" + running.title()
                    + "\" is in progress; start this one when it is done, so the effect of each can be told apart.");
        } else {
            Task last = incidentTasks.stream()
                    .filter(t -> t.kind() == TaskKind.MITIGATION && t.status() == TaskStatus.DONE && t.finishedAt() != null)
                    .max(Comparator.comparing(Task::finishedAt)).orElse(null);
            if (last != null && last.outcome() == null && now.isBefore(last.finishedAt().plus(settle))) {
                conflict = new Refusal(UserErrorCode.MITIGATION_SETTLING, "The effect of \"" + last.title()
                        + "\" is not judged yet: record its outcome (recordMitigationOutcome) or wait until "
                        + Times.readable(last.finishedAt().plus(settle)) + ".");
            }
        }
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
}
