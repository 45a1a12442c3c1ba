package dev.incidentcommand.command;

import java.util.List;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;

/** Rule 1: delegate everything; the incident commander coordinates and performs no mitigation. */
final class CommanderDoesNotMitigate {

    private CommanderDoesNotMitigate() {
    }

    /** A MITIGATION may not be given to, acknowledged by or started by the commander. */
    static void checkNotCommander(Incident incident, TaskKind kind, long responderId, String field) {
        if (kind == TaskKind.MITIGATION && incident.isCommander(responderId)) {
            String message = "The incident commander coordinates and does not mitigate; give this MITIGATION to someone else.";
            throw refusal(field, message);
        }
    }

    /** Command cannot pass to someone who holds an open mitigation: it must be reassigned first. */
    static void checkNewCommander(List<Task> openTasks, String handle, String field) {
        List<Task> openMitigations = openTasks.stream().filter(Task::isMitigation).toList();
        if (!openMitigations.isEmpty()) {
            String message = handle + " holds the MITIGATION \"" + openMitigations.get(0).title()
                    + "\"; reassign it before they take command, since the commander does not mitigate.";
            throw refusal(field, message);
        }
    }

    private static Refusal refusal(String field, String message) {
        return field == null ? new Refusal(UserErrorCode.COMMANDER_CANNOT_MITIGATE, message)
                : Refusal.onInput(field, UserErrorCode.COMMANDER_CANNOT_MITIGATE, message);
    }
}
