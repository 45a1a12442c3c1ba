package dev.incidentcommand.rewind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.incidentcommand.command.CommandEvent.CommandHandedOver;
import dev.incidentcommand.command.CommandEvent.CommandTaken;
import dev.incidentcommand.command.CommandEvent.ResponderJoined;
import dev.incidentcommand.command.CommandEvent.ResponderLeft;
import dev.incidentcommand.command.CommandEvent.ResponderPaged;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.IncidentEvent.CommanderAssigned;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.incident.IncidentEvent.IncidentDeclared;
import dev.incidentcommand.incident.IncidentEvent.IncidentEdited;
import dev.incidentcommand.incident.IncidentEvent.IncidentReopened;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.rewind.IncidentAsOf.PageAsOf;
import dev.incidentcommand.rewind.IncidentAsOf.ParticipantAsOf;
import dev.incidentcommand.rewind.IncidentAsOf.TaskAsOf;
import dev.incidentcommand.task.MitigationOutcome;
import dev.incidentcommand.task.TaskEvent.MitigationOutcomeRecorded;
import dev.incidentcommand.task.TaskEvent.TaskAcknowledged;
import dev.incidentcommand.task.TaskEvent.TaskCancelled;
import dev.incidentcommand.task.TaskEvent.TaskCompleted;
import dev.incidentcommand.task.TaskEvent.TaskCreated;
import dev.incidentcommand.task.TaskEvent.TaskReassigned;
import dev.incidentcommand.task.TaskEvent.TaskRescheduled;
import dev.incidentcommand.task.TaskEvent.TaskStarted;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.EventDetails;
import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineEventKind;

/**
 * Rebuilds an incident from its timeline: a fold over the events from the declaration on, each
 * changing what the mutation that recorded it changed, and nothing else. Each step mirrors a
 * service: IncidentService (status, severity, impact, corrections, reopening), RosterService (who
 * holds which role, pages), TaskService (the tasks), and the rules of command (stalls).
 */
public final class Rewind {

    private Rewind() {
    }

    /** The impact a declaration recorded; empty for declarations recorded before it was kept there. */
    public static Optional<Impact> declaredImpact(TimelineEvent declaration) {
        return declaration.details(IncidentDeclared.class).map(IncidentDeclared::impact);
    }

    /**
     * The incident right after the last of {@code events}, which must be its timeline from sequence 1
     * on, without gaps.
     *
     * @param impactIfUnrecorded the impact stated at declaration, for a declaration that does not record it
     */
    public static IncidentAsOf replay(List<TimelineEvent> events, Impact impactIfUnrecorded) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An incident's timeline starts with its declaration; there are no events.");
        }
        State state = new State(impactIfUnrecorded);
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent event = events.get(i);
            if (event.sequence() != i + 1) {
                throw new IllegalArgumentException("Expected the event numbered " + (i + 1) + ", got " + event.sequence() + ".");
            }
            state.apply(event);
        }
        return state.asOf(events.get(events.size() - 1));
    }

    /** The state while folding; only {@link #replay} sees it. */
    private static final class State {

        private final Impact impactIfUnrecorded;
        private String title;
        private Severity severity;
        private IncidentStatus status;
        private String callUrl;
        private String externalRef;
        private String commander;
        private Impact impact;
        private boolean stalled;
        private final Map<String, TaskAsOf> tasks = new LinkedHashMap<>();
        private final List<ParticipantAsOf> participants = new ArrayList<>();
        private final List<PageAsOf> unansweredPages = new ArrayList<>();

        State(Impact impactIfUnrecorded) {
            this.impactIfUnrecorded = impactIfUnrecorded;
        }

        void apply(TimelineEvent event) {
            boolean declaration = event.kind() == TimelineEventKind.INCIDENT_DECLARED;
            if (declaration != (event.sequence() == 1)) {
                throw new IllegalArgumentException("A timeline starts with its declaration, and has only one; event "
                        + event.sequence() + " is " + event.kind() + ".");
            }
            Instant at = event.at();
            // A switch expression, so that a new kind of event does not compile until it is decided here.
            Runnable step = switch (event.kind()) {
                case INCIDENT_DECLARED -> () -> declared(details(event, IncidentDeclared.class));
                case SEVERITY_CHANGED -> () -> severity = details(event, SeverityChanged.class).to();
                case STATUS_CHANGED -> () -> statusChanged(details(event, StatusChanged.class));
                case INCIDENT_REOPENED -> () -> reopened(details(event, IncidentReopened.class), at);
                case IMPACT_UPDATED -> () -> impact = details(event, ImpactUpdated.class).to();
                case INCIDENT_EDITED -> () -> edited(details(event, IncidentEdited.class));
                case COMMANDER_ASSIGNED -> () -> commands(details(event, CommanderAssigned.class).commander(), at);
                case COMMAND_HANDED_OVER -> () -> {
                    CommandHandedOver handover = details(event, CommandHandedOver.class);
                    changesHands(handover.from(), handover.to(), at);
                };
                case COMMAND_TAKEN -> () -> {
                    CommandTaken taken = details(event, CommandTaken.class);
                    changesHands(taken.from(), taken.to(), at);
                };
                case RESPONDER_PAGED -> () -> {
                    ResponderPaged paged = details(event, ResponderPaged.class);
                    unansweredPages.add(new PageAsOf(paged.responder(), at, paged.reason()));
                };
                case RESPONDER_JOINED -> () -> {
                    ResponderJoined joined = details(event, ResponderJoined.class);
                    answers(joined.responder());
                    participants.add(new ParticipantAsOf(joined.responder(), joined.role(), at));
                };
                case RESPONDER_LEFT -> () -> {
                    String leaving = details(event, ResponderLeft.class).responder();
                    participants.removeIf(p -> p.responderHandle().equals(leaving));
                };
                case TASK_CREATED -> () -> {
                    TaskCreated created = details(event, TaskCreated.class);
                    tasks.put(created.taskId(), new TaskAsOf(created.taskId(), created.kind(), created.title(),
                            created.assignee(), TaskStatus.ASSIGNED, created.dueAt(), null, null));
                };
                case TASK_ACKNOWLEDGED -> () -> {
                    TaskAsOf task = task(details(event, TaskAcknowledged.class).taskId());
                    put(task, task.assigneeHandle(), TaskStatus.ACKNOWLEDGED, task.dueAt(), task.outcome(), task.resolution());
                };
                case TASK_STARTED -> () -> {
                    TaskStarted started = details(event, TaskStarted.class);
                    TaskAsOf task = task(started.taskId());
                    // The event carries the expected time the task kept or was given on starting.
                    put(task, task.assigneeHandle(), TaskStatus.IN_PROGRESS,
                            started.dueAt() != null ? started.dueAt() : task.dueAt(), task.outcome(), task.resolution());
                };
                case TASK_COMPLETED -> () -> {
                    TaskCompleted completed = details(event, TaskCompleted.class);
                    TaskAsOf task = task(completed.taskId());
                    put(task, task.assigneeHandle(), TaskStatus.DONE, task.dueAt(), completed.outcome(), completed.resolution());
                };
                case TASK_CANCELLED -> () -> {
                    TaskCancelled cancelled = details(event, TaskCancelled.class);
                    TaskAsOf task = task(cancelled.taskId());
                    put(task, task.assigneeHandle(), TaskStatus.CANCELLED, task.dueAt(), task.outcome(), cancelled.reason());
                };
                case TASK_REASSIGNED -> () -> {
                    TaskReassigned reassigned = details(event, TaskReassigned.class);
                    TaskAsOf task = task(reassigned.taskId());
                    // The new assignee has to acknowledge it again.
                    put(task, reassigned.assignee(), TaskStatus.ASSIGNED, task.dueAt(), task.outcome(), task.resolution());
                };
                case TASK_RESCHEDULED -> () -> {
                    TaskRescheduled rescheduled = details(event, TaskRescheduled.class);
                    TaskAsOf task = task(rescheduled.taskId());
                    put(task, task.assigneeHandle(), task.status(), rescheduled.dueAt(), task.outcome(), task.resolution());
                };
                case MITIGATION_OUTCOME_RECORDED -> () -> {
                    MitigationOutcomeRecorded judged = details(event, MitigationOutcomeRecorded.class);
                    TaskAsOf task = task(judged.taskId());
                    put(task, task.assigneeHandle(), task.status(), task.dueAt(), judged.outcome(), task.resolution());
                };
                case INCIDENT_STALLED -> () -> stalled = true;
                case INCIDENT_UNSTALLED -> () -> stalled = false;
                // Recorded for people; they change nothing the incident shows.
                case ALERT_REPEATED, ALERT_RESOLVED, UPDATE_POSTED, NOTE_ADDED, DELEGATION_UNACKNOWLEDGED, TASK_OVERDUE,
                     CHECK_IN_MISSED, RELIEF_SUGGESTED, MONITORING_WINDOW_ENDED, PAGE_UNANSWERED -> () -> {
                };
            };
            step.run();
        }

        private void declared(IncidentDeclared declared) {
            title = declared.title();
            severity = declared.severity();
            status = IncidentStatus.DECLARED;
            callUrl = declared.callUrl();
            externalRef = declared.externalRef();
            impact = declared.impact() != null ? declared.impact() : impactIfUnrecorded;
        }

        private void statusChanged(StatusChanged changed) {
            status = changed.to();
            if (changed.to() == IncidentStatus.RESOLVED) {
                // Every role ends at resolution; the commander stays named.
                participants.clear();
            }
        }

        private void reopened(IncidentReopened reopened, Instant at) {
            status = reopened.to();
            if (reopened.from() == IncidentStatus.RESOLVED && commander != null) {
                // Back under its commander, who holds the role again; nobody else comes back.
                participants.add(new ParticipantAsOf(commander, ParticipantRole.COMMANDER, at));
            }
        }

        private void edited(IncidentEdited edited) {
            switch (edited.field()) {
                case "title" -> title = edited.to();
                case "callUrl" -> callUrl = edited.to();
                case "externalRef" -> externalRef = edited.to();
                default -> throw new IllegalArgumentException("No such field to correct: " + edited.field());
            }
        }

        /** Taking command answers one's pages and adds the COMMANDER role, beside any other role held. */
        private void commands(String handle, Instant at) {
            commander = handle;
            answers(handle);
            participants.add(new ParticipantAsOf(handle, ParticipantRole.COMMANDER, at));
        }

        /** The previous commander stays on as a responder, unless they still hold another role. */
        private void changesHands(String from, String to, Instant at) {
            participants.removeIf(p -> p.responderHandle().equals(from) && p.role() == ParticipantRole.COMMANDER);
            if (participants.stream().noneMatch(p -> p.responderHandle().equals(from))) {
                participants.add(new ParticipantAsOf(from, ParticipantRole.RESPONDER, at));
            }
            commands(to, at);
        }

        private void answers(String handle) {
            unansweredPages.removeIf(page -> page.responderHandle().equals(handle));
        }

        private TaskAsOf task(String id) {
            TaskAsOf task = tasks.get(id);
            if (task == null) {
                throw new IllegalArgumentException("An event names task " + id + ", which the timeline never created.");
            }
            return task;
        }

        private void put(TaskAsOf task, String assignee, TaskStatus newStatus, Instant dueAt,
                         MitigationOutcome outcome, String resolution) {
            tasks.put(task.id(), new TaskAsOf(task.id(), task.kind(), task.title(), assignee, newStatus, dueAt, outcome,
                    resolution));
        }

        IncidentAsOf asOf(TimelineEvent last) {
            return new IncidentAsOf(last, title, severity, status, callUrl, externalRef, commander, impact, stalled,
                    List.copyOf(tasks.values()), List.copyOf(participants), List.copyOf(unansweredPages));
        }

        private static <T extends EventDetails> T details(TimelineEvent event, Class<T> type) {
            return event.details(type).orElseThrow();
        }
    }
}
