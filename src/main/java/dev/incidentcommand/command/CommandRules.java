package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.change.ChangeContext;
import dev.incidentcommand.command.CommandState.Presence;
import dev.incidentcommand.command.CommandState.TaskView;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.TimelineEventKind;

/**
 * The time-driven rules of command, as a pure function of an incident's state and the time:
 * what to record now (a stall, a reminder, a missed check-in...), what to remember so it is not
 * recorded twice, and when to look again. Free of I/O, so the rules are tested by moving time.
 */
final class CommandRules {

    record Finding(TimelineEventKind kind, String summary, Map<String, Object> details) {
    }

    record TaskMarks(Instant ackRemindedAt, Instant overdueReportedFor) {
    }

    /** What the rules found, and the state that keeps each finding from repeating. */
    record Assessment(List<Finding> findings, Incident.Watch watch, Map<Long, TaskMarks> taskMarks,
                      List<Presence> reliefSuggested) {
    }

    private CommandRules() {
    }

    static Assessment assess(CommandState state, Instant now, DisciplineProperties settings) {
        Incident incident = state.incident();
        Incident.Watch watch = incident.watch();
        List<Finding> findings = new ArrayList<>();
        Map<Long, TaskMarks> marks = new HashMap<>();
        List<Presence> relief = new ArrayList<>();
        Due due = new Due();

        // 4. Always be doing something.
        Instant stalledSince = watch.stalledSince();
        boolean needsWork = incident.status().isWorking();
        if (needsWork && !state.hasWork()) {
            Instant graceEnds = incident.declaredAt().plus(settings.stallGrace());
            if (now.isBefore(graceEnds)) {
                due.at(graceEnds);
            } else if (stalledSince == null) {
                stalledSince = now;
                findings.add(new Finding(TimelineEventKind.INCIDENT_STALLED,
                        incident.key() + " is stalled: nobody has acknowledged or started any task. Delegate something and get it acknowledged.",
                        ChangeContext.details()));
            }
        } else if (stalledSince != null) {
            findings.add(new Finding(TimelineEventKind.INCIDENT_UNSTALLED,
                    (needsWork ? incident.key() + " is moving again" : incident.key() + " is " + incident.status() + ", no longer stalled")
                            + " after " + minutes(Duration.between(stalledSince, now)) + " stalled.",
                    ChangeContext.details("stalledSeconds", Duration.between(stalledSince, now).toSeconds())));
            stalledSince = null;
        }

        // 5. Regular check-ins, by severity.
        Instant missedAt = watch.checkInMissedAt();
        Duration cadence = settings.checkInCadence(incident.severity());
        if (incident.active() && cadence != null) {
            Instant remindAt = nextCheckInReminder(watch, cadence);
            if (!now.isBefore(remindAt)) {
                missedAt = now;
                Instant dueAt = checkInDue(watch, cadence);
                findings.add(new Finding(TimelineEventKind.CHECK_IN_MISSED,
                        "Check-in missed on " + incident.key() + ": no internal update for "
                                + minutes(Duration.between(watch.lastCheckInAt(), now)) + " (" + incident.severity()
                                + " cadence " + minutes(cadence) + "). Reiterate impact, actions in progress and expected times.",
                        ChangeContext.details("cadenceMinutes", cadence.toMinutes(), "dueAt", dueAt.toString())));
                due.at(now.plus(cadence));
            } else {
                due.at(remindAt);
            }
        }

        // 2. Delegation needs acknowledgement; 5. expected completion times.
        if (incident.active()) {
            for (TaskView task : state.tasks()) {
                Instant remindedAt = task.ackRemindedAt();
                Instant overdueFor = task.overdueReportedFor();
                if (task.status() == TaskStatus.ASSIGNED) {
                    Instant base = remindedAt != null && remindedAt.isAfter(task.assignedAt()) ? remindedAt : task.assignedAt();
                    Instant remindAt = base.plus(settings.ackReminderAfter());
                    if (!now.isBefore(remindAt)) {
                        remindedAt = now;
                        findings.add(new Finding(TimelineEventKind.DELEGATION_UNACKNOWLEDGED,
                                task.assignee() + " has not acknowledged \"" + task.title() + "\" ("
                                        + minutes(Duration.between(task.assignedAt(), now)) + "): it is not delegated until they do.",
                                taskDetails(task)));
                        due.at(now.plus(settings.ackReminderAfter()));
                    } else {
                        due.at(remindAt);
                    }
                }
                if (task.open() && task.dueAt() != null && !task.dueAt().equals(overdueFor)) {
                    if (!now.isBefore(task.dueAt())) {
                        overdueFor = task.dueAt();
                        findings.add(new Finding(TimelineEventKind.TASK_OVERDUE,
                                "\"" + task.title() + "\" (" + task.assignee() + ") was expected done by " + Times.readable(task.dueAt())
                                        + " and is still " + task.status() + ".",
                                withDue(taskDetails(task), task.dueAt())));
                    } else {
                        due.at(task.dueAt());
                    }
                }
                if (remindedAt != task.ackRemindedAt() || overdueFor != task.overdueReportedFor()) {
                    marks.put(task.id(), new TaskMarks(remindedAt, overdueFor));
                }
            }
        }

        // 6. Rotate people on long incidents.
        if (incident.active()) {
            for (Presence presence : state.presences()) {
                if (state.reliefSuggested().contains(presence.key())) {
                    continue;
                }
                Instant reliefAt = presence.since().plus(settings.reliefAfter());
                if (!now.isBefore(reliefAt)) {
                    relief.add(presence);
                    findings.add(new Finding(TimelineEventKind.RELIEF_SUGGESTED,
                            presence.handle() + " has been on " + incident.key() + " for "
                                    + minutes(Duration.between(presence.since(), now)) + ": arrange relief so they can rest.",
                            ChangeContext.details("responder", presence.handle(), "presentSince", presence.since().toString())));
                } else {
                    due.at(reliefAt);
                }
            }
        }

        // 7. Monitor after mitigation.
        boolean monitoringEnded = watch.monitoringEnded();
        if (incident.status() == IncidentStatus.MONITORING && watch.monitoringUntil() != null && !monitoringEnded) {
            if (!now.isBefore(watch.monitoringUntil())) {
                monitoringEnded = true;
                findings.add(new Finding(TimelineEventKind.MONITORING_WINDOW_ENDED,
                        "The monitoring window of " + incident.key() + " ended without recurrence: it may be resolved.",
                        ChangeContext.details("monitoringUntil", watch.monitoringUntil().toString())));
            } else {
                due.at(watch.monitoringUntil());
            }
        }

        Incident.Watch next = new Incident.Watch(stalledSince, watch.lastCheckInAt(), missedAt, watch.monitoringUntil(),
                monitoringEnded, due.earliest);
        return new Assessment(findings, next, marks, relief);
    }

    /** When the next check-in is due: a cadence after the last one. Past due until someone checks in. */
    static Instant checkInDue(Incident.Watch watch, Duration cadence) {
        return watch.lastCheckInAt().plus(cadence);
    }

    /** When a missed check-in is recorded (again): when it falls due, then once per cadence while missed. */
    private static Instant nextCheckInReminder(Incident.Watch watch, Duration cadence) {
        Instant base = watch.checkInMissedAt() != null && watch.checkInMissedAt().isAfter(watch.lastCheckInAt())
                ? watch.checkInMissedAt() : watch.lastCheckInAt();
        return base.plus(cadence);
    }

    private static Map<String, Object> taskDetails(TaskView task) {
        return ChangeContext.details("taskId", Ids.encode(Ids.Type.Task, task.id()), "kind", task.kind(),
                "title", task.title(), "assignee", task.assignee(), "status", task.status());
    }

    private static Map<String, Object> withDue(Map<String, Object> details, Instant dueAt) {
        details.put("dueAt", dueAt.toString());
        return details;
    }

    static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + "s";
        }
        return minutes < 120 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    /** The earliest of the moments the rules need to look again. */
    private static final class Due {
        Instant earliest;

        void at(Instant when) {
            if (earliest == null || when.isBefore(earliest)) {
                earliest = when;
            }
        }
    }
}
