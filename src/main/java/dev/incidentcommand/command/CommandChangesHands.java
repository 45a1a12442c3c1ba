package dev.incidentcommand.command;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Responder;

/**
 * Command changes hands only deliberately: a commander is named once, then passes command on by
 * handing over, and cannot simply leave the incident.
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

    static void checkHandOver(Incident incident, Responder next) {
        if (incident.commanderId() == null) {
            throw new Refusal(UserErrorCode.NO_COMMANDER,
                    incident.key() + " has no commander to hand over from; use assignCommander.");
        }
        if (incident.isCommander(next.id())) {
            throw Refusal.onInput("to", UserErrorCode.NO_CHANGE, next.handle() + " already commands " + incident.key() + ".");
        }
    }

    static void checkLeaving(Incident incident, Responder leaving) {
        if (incident.isCommander(leaving.id())) {
            throw new Refusal(UserErrorCode.COMMANDER_CANNOT_LEAVE,
                    leaving.handle() + " commands " + incident.key() + "; hand over command before leaving.");
        }
    }
}
