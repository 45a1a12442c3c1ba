package dev.incidentcommand.task;

import java.time.Instant;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.timeline.EventDetails;

/** Delegated work moving along: each event names the task by id, kind and title. */
public sealed interface TaskEvent extends EventDetails {

    record TaskCreated(String taskId, TaskKind kind, String title, String assignee, Instant dueAt) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " asked " + assignee + " to " + title + " (" + kind.aTask() + ")";
        }
    }

    record TaskAcknowledged(String taskId, TaskKind kind, String title, String assignee) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " acknowledged: " + title;
        }
    }

    /** @param override true when it started beside another mitigation, on a SEV1, for {@code overrideReason} */
    record TaskStarted(String taskId, TaskKind kind, String title, String assignee, Instant dueAt, Boolean override,
                       String overrideReason) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " started: " + title
                    + (dueAt == null ? "" : " (expected done by " + Times.readable(dueAt) + ")")
                    + (Boolean.TRUE.equals(override) ? " – overriding one mitigation at a time: " + overrideReason : "");
        }
    }

    record TaskCompleted(String taskId, TaskKind kind, String title, String assignee, MitigationOutcome outcome,
                         String resolution) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " completed: " + title + (outcome == null ? "" : " – outcome " + outcome)
                    + (resolution == null ? "" : ": " + resolution);
        }
    }

    record TaskCancelled(String taskId, TaskKind kind, String title, String reason) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " cancelled: " + title + (reason == null ? "" : " – " + reason);
        }
    }

    /** @param assignee the new assignee; {@code from} the previous one */
    record TaskReassigned(String taskId, TaskKind kind, String title, String assignee, String from, String reason)
            implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " gave \"" + title + "\" from " + from + " to " + assignee + (reason == null ? "" : ": " + reason);
        }
    }

    /** @param from the previous expected time, null when there was none */
    record TaskRescheduled(String taskId, TaskKind kind, String title, String assignee, Instant from, Instant dueAt,
                           String reason) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " rescheduled \"" + title + "\" (" + assignee + ") to " + Times.readable(dueAt)
                    + (from == null ? "" : ", was " + Times.readable(from)) + ": " + reason;
        }
    }

    record MitigationOutcomeRecorded(String taskId, TaskKind kind, String title, MitigationOutcome outcome,
                                     MitigationOutcome previousOutcome, String evidence) implements TaskEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " judged \"" + title + "\": " + outcome
                    + (previousOutcome == null ? "" : " (was " + previousOutcome + ")")
                    + (evidence == null ? "" : " – " + evidence);
        }
    }
}
