package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;

/** The situation report a commander reads out at a check-in. */
record Sitrep(Severity severity, IncidentStatus status, Impact impact, Responder commander, List<Task> inProgress,
              List<Task> unacknowledged, List<Task> overdue, boolean stalled, Instant nextCheckInDue,
              boolean checkInOverdue, String text) {

    /** {@code people} names every assignee of {@code tasks}; {@code nextCheckIn} is null without a cadence. */
    static Sitrep of(Incident incident, Responder commander, List<Task> tasks, Map<Long, Responder> people,
                     Instant nextCheckIn, Instant now) {
        List<Task> inProgress = tasks.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS
                || t.status() == TaskStatus.ACKNOWLEDGED).toList();
        List<Task> unacknowledged = tasks.stream().filter(t -> t.status() == TaskStatus.ASSIGNED).toList();
        List<Task> overdue = tasks.stream().filter(t -> t.overdue(now)).toList();
        boolean checkInOverdue = nextCheckIn != null && !now.isBefore(nextCheckIn);
        return new Sitrep(incident.severity(), incident.status(), incident.impact(), commander, inProgress, unacknowledged,
                overdue, incident.watch().stalledSince() != null, nextCheckIn, checkInOverdue,
                text(incident, commander, inProgress, unacknowledged, overdue, nextCheckIn, checkInOverdue, people, now));
    }

    private static String text(Incident incident, Responder commander, List<Task> inProgress, List<Task> unacknowledged,
                                     List<Task> overdue, Instant nextCheckIn, boolean checkInOverdue,
                                     Map<Long, Responder> people, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(incident.key()).append(" – ").append(incident.severity()).append(", ").append(incident.status())
                .append(". Commander: ").append(commander == null ? "none yet" : commander.handle()).append(".\n");
        text.append("Impact: ").append(incident.impact().summary() == null ? "not stated yet" : incident.impact().summary())
                .append(" (scope ").append(incident.impact().scope())
                .append(incident.impact().affectedUsers() == null ? "" : ": " + incident.impact().affectedUsers())
                .append(").\n");
        text.append("In progress: ").append(inProgress.isEmpty() ? "nothing" : inProgress.stream()
                .map(t -> "\"" + t.title() + "\" – " + people.get(t.assigneeId()).handle()
                        + (t.dueAt() == null ? "" : ", expected by " + Times.readable(t.dueAt()) + (t.overdue(now) ? " (OVERDUE)" : "")))
                .collect(Collectors.joining("; "))).append(".\n");
        if (!unacknowledged.isEmpty()) {
            text.append("Not yet acknowledged: ").append(unacknowledged.stream()
                    .map(t -> "\"" + t.title() + "\" – " + people.get(t.assigneeId()).handle())
                    .collect(Collectors.joining("; "))).append(".\n");
        }
        if (!overdue.isEmpty()) {
            text.append("Overdue: ").append(overdue.size()).append(" task(s).\n");
        }
        if (incident.watch().stalledSince() != null) {
            text.append("STALLED since ").append(Times.readable(incident.watch().stalledSince())).append(": nobody is working on it.\n");
        }
        if (nextCheckIn != null) {
            text.append(checkInOverdue ? "Check-in OVERDUE since " : "Next check-in due ").append(Times.readable(nextCheckIn)).append(".\n");
        }
        return text.toString();
    }
}
