package dev.incidentcommand.notify;

import java.util.List;

import dev.incidentcommand.command.CommandEvent.CheckInMissed;
import dev.incidentcommand.command.CommandEvent.DelegationUnacknowledged;
import dev.incidentcommand.command.CommandEvent.IncidentStalled;
import dev.incidentcommand.command.CommandEvent.MonitoringWindowEnded;
import dev.incidentcommand.command.CommandEvent.PageUnanswered;
import dev.incidentcommand.command.CommandEvent.ReliefSuggested;
import dev.incidentcommand.command.CommandEvent.TaskOverdue;
import dev.incidentcommand.timeline.EventDetails;

/**
 * Whom a reminder concerns: the assignee of work that is waiting, the commander for what the
 * commander must act on, whoever paged someone who does not answer. Other news is for everyone.
 */
final class Addressees {

    private Addressees() {
    }

    /** The handles the event is addressed to; empty when it is for everyone following the incident. */
    static List<String> of(EventDetails event, String commander) {
        if (event instanceof DelegationUnacknowledged unacknowledged) {
            return List.of(unacknowledged.assignee());
        }
        if (event instanceof TaskOverdue overdue) {
            return List.of(overdue.assignee());
        }
        if (event instanceof PageUnanswered unanswered) {
            return unanswered.pagedBy() == null ? List.of() : List.of(unanswered.pagedBy());
        }
        boolean forTheCommander = event instanceof CheckInMissed || event instanceof IncidentStalled
                || event instanceof ReliefSuggested || event instanceof MonitoringWindowEnded;
        return forTheCommander ? commanderOf(commander) : List.of();
    }

    private static List<String> commanderOf(String commander) {
        return commander == null ? List.of() : List.of(commander);
    }
}
