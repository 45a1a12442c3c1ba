package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.incidentcommand.command.CommandEvent.CheckInMissed;
import dev.incidentcommand.command.CommandEvent.TaskOverdue;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.communication.Audience;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskRepository.Reminders;
import dev.incidentcommand.timeline.EventDetails;

/**
 * Rule 5: regularly check for updates. On a cadence set by severity the commander posts an
 * internal update (a check-in) reiterating impact, actions and expected times; a missed check-in
 * is recorded when it falls due and once per cadence while it stays missed. A task past its
 * expected completion time is recorded once per expected time.
 */
final class RegularCheckIns {

    private RegularCheckIns() {
    }

    /** An internal update is a check-in: the cadence starts again from it. */
    static Incident.Watch afterChange(Incident.Watch watch, List<EventDetails> recorded, Instant now) {
        boolean checkedIn = recorded.stream()
                .anyMatch(event -> event instanceof UpdatePosted update && update.audience() == Audience.INTERNAL);
        return checkedIn ? watch.checkedIn(now) : watch;
    }

    /** When the next check-in is due: a cadence after the last one. Past due until someone checks in. */
    static Instant due(Incident.Watch watch, Duration cadence) {
        return watch.lastCheckInAt().plus(cadence);
    }

    /** {@code cadence} is the incident's severity's, or null when that severity has none. */
    static void assessCheckIn(Incident incident, Duration cadence, Instant now, Assessment into) {
        if (!incident.active() || cadence == null) {
            return;
        }
        Incident.Watch watch = into.watch();
        Instant remindAt = nextReminder(watch, cadence);
        if (now.isBefore(remindAt)) {
            into.lookAgainAt(remindAt);
            return;
        }
        into.find(new CheckInMissed(cadence.toMinutes(), due(watch, cadence), incident.severity(), watch.lastCheckInAt()));
        into.watch(watch.checkInMissed(now));
        into.lookAgainAt(now.plus(cadence));
    }

    static void assessTask(Task task, String assignee, Instant now, Assessment into) {
        Reminders given = into.remindersOf(task);
        if (!task.open() || task.dueAt() == null || task.dueAt().equals(given.overdueReportedFor())) {
            return;
        }
        if (now.isBefore(task.dueAt())) {
            into.lookAgainAt(task.dueAt());
            return;
        }
        into.remember(task, new Reminders(given.ackRemindedAt(), task.dueAt()));
        into.find(new TaskOverdue(Ids.encode(Ids.Type.Task, task.id()), task.kind(), task.title(), assignee, task.status(),
                task.dueAt()));
    }

    /** A missed check-in is recorded when it falls due, then once per cadence while it stays missed. */
    private static Instant nextReminder(Incident.Watch watch, Duration cadence) {
        Instant since = watch.checkInMissedAt() != null && watch.checkInMissedAt().isAfter(watch.lastCheckInAt())
                ? watch.checkInMissedAt() : watch.lastCheckInAt();
        return since.plus(cadence);
    }
}
