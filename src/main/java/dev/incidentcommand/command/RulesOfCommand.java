package dev.incidentcommand.command;

import java.time.Instant;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.task.Task;

/**
 * The time-driven rules of command (2, 4, 5, 6 and 7, and pages expiring) applied to one incident, in a fixed order so
 * that findings due at the same moment are always recorded in the same order. A pure function of
 * the incident's state and the time: tested by moving time, not by waiting.
 */
final class RulesOfCommand {

    private RulesOfCommand() {
    }

    static Assessment assess(CommandState state, Instant now, DisciplineProperties settings) {
        Incident incident = state.incident();
        Assessment assessment = new Assessment(incident.watch());
        AlwaysBeDoingSomething.assess(state, now, settings.stallGrace(), assessment);
        RegularCheckIns.assessCheckIn(incident, settings.checkInCadence(incident.severity()), now, assessment);
        if (incident.active()) {
            for (Task task : state.responseTasks()) {
                String assignee = state.handle(task.assigneeId());
                DelegationNeedsAcknowledgement.assess(task, assignee, now, settings.ackReminderAfter(), assessment);
                RegularCheckIns.assessTask(task, assignee, now, assessment);
            }
        }
        PagesGetAnswered.assess(state, now, assessment);
        RotateForLongIncidents.assess(state, now, settings.reliefAfter(), assessment);
        MonitorAfterMitigation.assessWindow(incident, now, assessment);
        return assessment;
    }
}
