package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.EventDetails;

/**
 * Who is on the incident and who commands it, and what the rules of command say about it: the
 * reminders and findings recorded in the server's own name.
 */
public sealed interface CommandEvent extends EventDetails {

    record CommandHandedOver(String from, String to, String notes) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return from + " handed command to " + to + (notes == null ? "" : ": " + notes);
        }
    }

    /** Command taken from a commander who could not be reached, rather than handed over. */
    record CommandTaken(String from, String to, String reason) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return to + " took command from " + from + ": " + reason;
        }
    }

    /** A page nobody answered by its answer-by time; {@code pagedBy} sent it and is told. */
    record PageUnanswered(String responder, Instant pagedAt, Instant answerBy, String pagedBy) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return responder + " has not answered the page sent " + Times.readable(pagedAt) + " (due by "
                    + Times.readable(answerBy) + "): page someone else or reach them another way.";
        }
    }

    record ResponderPaged(String responder, String reason) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " paged " + responder + (reason == null ? "" : ": " + reason);
        }
    }

    record ResponderJoined(String responder, ParticipantRole role) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return responder + " joined as " + role;
        }
    }

    record ResponderLeft(String responder) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return responder + " left the incident";
        }
    }

    /** Rule 2: a task is not delegated until its assignee acknowledges it. */
    record DelegationUnacknowledged(String taskId, TaskKind kind, String title, String assignee, TaskStatus status,
                                    Instant assignedAt) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return assignee + " has not acknowledged \"" + title + "\" (" + Times.span(Duration.between(assignedAt, n.at()))
                    + "): it is not delegated until they do.";
        }
    }

    /** Rule 5: a task is past its expected completion time. */
    record TaskOverdue(String taskId, TaskKind kind, String title, String assignee, TaskStatus status, Instant dueAt)
            implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return "\"" + title + "\" (" + assignee + ") was expected done by " + Times.readable(dueAt)
                    + " and is still " + status + ".";
        }
    }

    /** Rule 5: no internal update within the severity's cadence. */
    record CheckInMissed(long cadenceMinutes, Instant dueAt, Severity severity, Instant lastCheckInAt)
            implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return "Check-in missed on " + n.incident() + ": no internal update for "
                    + Times.span(Duration.between(lastCheckInAt, n.at())) + " (" + severity + " cadence "
                    + Times.span(Duration.between(lastCheckInAt, dueAt)) + "). Reiterate impact, actions in progress and expected times.";
        }
    }

    /**
     * Rule 4: an incident still being worked on with nothing acknowledged or in progress since {@code idleSince}.
     *
     * @param unacknowledged how many tasks are assigned but not acknowledged (0: there is no open task at all)
     */
    record IncidentStalled(Instant idleSince, int unacknowledged) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            String why = unacknowledged == 0
                    ? "there is no open task. Delegate the next step and get it acknowledged."
                    : (unacknowledged == 1 ? "1 task is" : unacknowledged + " tasks are")
                            + " assigned but nobody has acknowledged " + (unacknowledged == 1 ? "it" : "any of them")
                            + ". Get the work acknowledged or reassign it.";
            return n.incident() + " is stalled: nobody has worked on it for " + Times.span(Duration.between(idleSince, n.at()))
                    + "; " + why;
        }
    }

    /** @param status where the incident stands now; past mitigation, it no longer needs work to count as moving */
    record IncidentUnstalled(long stalledSeconds, IncidentStatus status) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return (status.isWorking() ? n.incident() + " is moving again" : n.incident() + " is " + status + ", no longer stalled")
                    + " after " + Times.span(Duration.ofSeconds(stalledSeconds)) + " stalled.";
        }
    }

    /** Rule 6: someone has been on the incident long enough to need rest. */
    record ReliefSuggested(String responder, Instant presentSince) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return responder + " has been on " + n.incident() + " for " + Times.span(Duration.between(presentSince, n.at()))
                    + ": arrange relief so they can rest.";
        }
    }

    /** Rule 7: the monitoring window passed without a recurrence. */
    record MonitoringWindowEnded(Instant monitoringUntil) implements CommandEvent {
        @Override
        public String summary(Narration n) {
            return "The monitoring window of " + n.incident() + " ended without recurrence: it may be resolved.";
        }
    }
}
