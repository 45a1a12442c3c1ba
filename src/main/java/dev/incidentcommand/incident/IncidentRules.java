package dev.incidentcommand.incident;

import java.util.List;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;

/** How an incident may move through its lifecycle, free of I/O. (The rules of command are in command/.) */
public final class IncidentRules {

    private IncidentRules() {
    }

    /** Work (tasks, pages, severity, impact) may only be added while the incident is not resolved. */
    public static void requireActive(Incident incident) {
        if (!incident.active()) {
            throw new Refusal(UserErrorCode.INCIDENT_RESOLVED,
                    incident.key() + " is resolved; reopen it (changeStatus) before changing it or adding work.");
        }
    }

    /** Whether moving {@code from} → {@code to} reopens the incident; refuses moves that are not allowed. */
    static boolean checkTransition(Incident incident, IncidentStatus to, String reason) {
        IncidentStatus from = incident.status();
        if (from == to) {
            throw Refusal.onInput("status", UserErrorCode.NO_CHANGE, incident.key() + " is already " + to + ".");
        }
        if (to == IncidentStatus.DECLARED) {
            throw Refusal.onInput("status", UserErrorCode.INVALID_STATUS_TRANSITION,
                    "An incident cannot go back to DECLARED; choose INVESTIGATING, IDENTIFIED or MITIGATING.");
        }
        boolean reopening = !from.isWorking() && to.isWorking();
        if (from == IncidentStatus.RESOLVED && to == IncidentStatus.MONITORING) {
            throw Refusal.onInput("status", UserErrorCode.INVALID_STATUS_TRANSITION,
                    "A resolved incident reopens to INVESTIGATING, IDENTIFIED or MITIGATING, not MONITORING.");
        }
        if (reopening && reason == null) {
            throw Refusal.onInput("reason", UserErrorCode.REASON_REQUIRED,
                    "Reopening " + incident.key() + " needs a reason: what came back?");
        }
        return reopening;
    }

    /** Resolving with work open needs a reason; without one the refusal names the work. */
    static void checkOpenWork(Incident incident, List<String> open, String reason) {
        if (!open.isEmpty() && reason == null) {
            throw Refusal.onInput("reason", UserErrorCode.OPEN_WORK, "Work on " + incident.key() + " is still open: "
                    + String.join("; ", open) + ". Finish, reassign or cancel it, or give a reason to resolve anyway.");
        }
    }

    /** An external reference names one unresolved incident per source, so repeats of an alert find it. */
    static void checkExternalRefFree(Incident incident, Incident holder) {
        if (holder.id() != incident.id()) {
            throw Refusal.onInput("externalRef", UserErrorCode.INVALID_VALUE, holder.key()
                    + " is unresolved and already carries this reference from " + incident.source() + ".");
        }
    }

    /** Only a mitigated incident (MONITORING or RESOLVED) can recur. */
    static void checkRecurrence(Incident incident) {
        if (incident.status().isWorking()) {
            throw new Refusal(UserErrorCode.INVALID_STATUS_TRANSITION,
                    incident.key() + " is still " + incident.status() + "; a recurrence is reported once it was mitigated.");
        }
    }

    static void checkSeverityChange(Incident incident, Severity to) {
        requireActive(incident);
        if (incident.severity() == to) {
            throw Refusal.onInput("severity", UserErrorCode.NO_CHANGE, incident.key() + " is already " + to + ".");
        }
    }
}
