package dev.incidentcommand.command;

import java.util.List;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;

/**
 * Command changes hands only deliberately: a commander is named once, then passes command on by
 * handing over (only they can), or someone takes it with a recorded reason when they cannot be
 * reached; a commander cannot simply leave the incident.
 */
final class CommandChangesHands {

    private CommandChangesHands() {
    }

    static void checkAssignment(Incident incident) {
        if (incident.commanderId() != null) {
            throw new Refusal(UserErrorCode.COMMANDER_ALREADY_ASSIGNED,
                    incident.key() + " already has a commander; use handOverCommand to pass command on.");
        }
    }

    /** Only the commander hands over: anyone else saying "X handed command to Y" would put words in X's mouth. */
    static void checkHandOver(Incident incident, Responder by, Responder next) {
        requireCommander(incident);
        if (!incident.isCommander(by.id())) {
            throw new Refusal(UserErrorCode.NOT_COMMANDER, "Only the commander of " + incident.key()
                    + " can hand over command; if they cannot be reached, use takeCommand with a reason.");
        }
        if (incident.isCommander(next.id())) {
            throw Refusal.onInput("to", UserErrorCode.NO_CHANGE, next.handle() + " already commands " + incident.key() + ".");
        }
    }

    static void checkTaking(Incident incident, Responder taking) {
        requireCommander(incident);
        if (incident.isCommander(taking.id())) {
            throw new Refusal(UserErrorCode.NO_CHANGE, taking.handle() + " already commands " + incident.key() + ".");
        }
    }

    private static void requireCommander(Incident incident) {
        if (incident.commanderId() == null) {
            throw new Refusal(UserErrorCode.NO_COMMANDER,
                    incident.key() + " has no commander to take over from; use assignCommander.");
        }
    }

    /** Whoever leaves hands their work on first: a task someone is working on must not be left without an owner. */
    static void checkLeavingWork(Incident incident, Responder leaving, List<Task> held) {
        List<Task> working = held.stream().filter(t -> t.kind().duringResponse()
                && (t.status() == TaskStatus.ACKNOWLEDGED || t.status() == TaskStatus.IN_PROGRESS)).toList();
        if (!working.isEmpty()) {
            throw new Refusal(UserErrorCode.OPEN_WORK, leaving.handle() + " is still working on "
                    + working.stream().map(t -> "\"" + t.title() + "\" (" + t.status() + ")").collect(Collectors.joining(", "))
                    + " on " + incident.key() + "; reassign it (reassignTask) before leaving.");
        }
    }

    static void checkLeaving(Incident incident, Responder leaving) {
        if (incident.isCommander(leaving.id())) {
            throw new Refusal(UserErrorCode.COMMANDER_CANNOT_LEAVE,
                    leaving.handle() + " commands " + incident.key() + "; hand over command before leaving.");
        }
    }
}
