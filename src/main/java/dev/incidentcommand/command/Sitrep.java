package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.Severity;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.task.Task;

/** The situation report a commander reads out at a check-in. */
record Sitrep(Severity severity, IncidentStatus status, Impact impact, Responder commander, List<Task> inProgress,
              List<Task> unacknowledged, List<Task> overdue, boolean stalled, Instant nextCheckInDue,
              boolean checkInOverdue, String text) {
}
