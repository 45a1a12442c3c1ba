package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.Participation;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;

/**
 * The situation report a commander reads out at a check-in: where the incident stands, who is on
 * it, what is being done and by when, what is waiting on someone, and when the next check-in is.
 * Follow-ups are work for after the incident and are left out.
 */
record Sitrep(Severity severity, IncidentStatus status, Impact impact, Responder commander, List<Task> inProgress,
              List<Task> acknowledged, List<Task> unacknowledged, List<Task> overdue, boolean stalled,
              Instant nextCheckInDue, boolean checkInOverdue, String callUrl, List<Participation> participants,
              List<Page> unansweredPages, Instant monitoringUntil, String text) {

    /** What the sitrep is made from; {@code people} names every assignee, participant and paged responder. */
    record Facts(Incident incident, List<Task> tasks, List<Participation> participants, List<Page> pages,
                 Map<Long, Responder> people, Instant nextCheckIn, Instant now) {
    }

    static Sitrep of(Facts facts) {
        Incident incident = facts.incident();
        Instant now = facts.now();
        List<Task> response = facts.tasks().stream().filter(t -> t.kind().duringResponse()).toList();
        List<Task> inProgress = withStatus(response, TaskStatus.IN_PROGRESS);
        List<Task> acknowledged = withStatus(response, TaskStatus.ACKNOWLEDGED);
        List<Task> unacknowledged = withStatus(response, TaskStatus.ASSIGNED);
        List<Task> overdue = response.stream().filter(t -> t.overdue(now)).toList();
        List<Page> unanswered = facts.pages().stream().filter(Page::unanswered).toList();
        Instant nextCheckIn = facts.nextCheckIn();
        boolean checkInOverdue = nextCheckIn != null && !now.isBefore(nextCheckIn);
        Instant monitoringUntil = incident.status() == IncidentStatus.MONITORING ? incident.watch().monitoringUntil() : null;
        Responder commander = incident.commanderId() == null ? null : facts.people().get(incident.commanderId());
        Function<Long, String> handle = id -> facts.people().get(id).handle();

        StringBuilder text = new StringBuilder();
        text.append(incident.key()).append(" – ").append(incident.severity()).append(", ").append(incident.status())
                .append(". Commander: ").append(commander == null ? "none yet" : commander.handle()).append(".\n");
        text.append("Impact: ").append(incident.impact().summary() == null ? "not stated yet" : incident.impact().summary())
                .append(" (scope ").append(incident.impact().scope())
                .append(incident.impact().affectedUsers() == null ? "" : ": " + incident.impact().affectedUsers())
                .append(").\n");
        if (incident.callUrl() != null) {
            text.append("Call: ").append(incident.callUrl()).append('\n');
        }
        text.append("On the incident: ").append(facts.participants().isEmpty() ? "nobody" : facts.participants().stream()
                .map(p -> handle.apply(p.responderId()) + " (" + p.role() + ")")
                .collect(Collectors.joining(", "))).append(".\n");
        text.append("In progress: ").append(inProgress.isEmpty() ? "nothing" : tasks(inProgress, handle, now)).append(".\n");
        if (!acknowledged.isEmpty()) {
            text.append("Acknowledged, not started: ").append(tasks(acknowledged, handle, now)).append(".\n");
        }
        if (!unacknowledged.isEmpty()) {
            text.append("Not yet acknowledged: ").append(tasks(unacknowledged, handle, now)).append(".\n");
        }
        if (!overdue.isEmpty()) {
            text.append("Overdue: ").append(overdue.size()).append(" task(s).\n");
        }
        if (!unanswered.isEmpty()) {
            text.append("Unanswered pages: ").append(unanswered.stream()
                    .map(p -> handle.apply(p.responderId()) + " (paged " + Times.readable(p.pagedAt())
                            + (now.isBefore(p.answerBy()) ? "" : ", past due since " + Times.readable(p.answerBy())) + ")")
                    .collect(Collectors.joining(", "))).append(".\n");
        }
        if (incident.watch().stalledSince() != null) {
            text.append("STALLED since ").append(Times.readable(incident.watch().stalledSince())).append(": nobody is working on it.\n");
        }
        if (monitoringUntil != null) {
            text.append("Monitoring until ").append(Times.readable(monitoringUntil)).append(".\n");
        }
        if (nextCheckIn != null) {
            text.append(checkInOverdue ? "Check-in OVERDUE since " : "Next check-in due ").append(Times.readable(nextCheckIn)).append(".\n");
        }
        return new Sitrep(incident.severity(), incident.status(), incident.impact(), commander, inProgress, acknowledged,
                unacknowledged, overdue, incident.watch().stalledSince() != null, nextCheckIn, checkInOverdue,
                incident.callUrl(), facts.participants(), unanswered, monitoringUntil, text.toString());
    }

    private static List<Task> withStatus(List<Task> tasks, TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).toList();
    }

    private static String tasks(List<Task> tasks, Function<Long, String> handle, Instant now) {
        return tasks.stream()
                .map(t -> "\"" + t.title() + "\" – " + handle.apply(t.assigneeId())
                        + (t.dueAt() == null ? "" : ", expected by " + Times.readable(t.dueAt()) + (t.overdue(now) ? " (OVERDUE)" : "")))
                .collect(Collectors.joining("; "));
    }
}
