package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Times;
import dev.incidentcommand.communication.CommunicationEvent.NoteAdded;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
import dev.incidentcommand.communication.NoteKind;
import dev.incidentcommand.incident.Impact;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.incident.IncidentEvent.IncidentDeclared;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.people.Stint;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;
import dev.incidentcommand.timeline.TimelineEvent;

/**
 * The skeleton of a postmortem in Markdown, built only from the record: what the team needs to
 * start writing the day after, with the facts already in place and the analysis left to them.
 */
final class Postmortem {

    private Postmortem() {
    }

    /** {@code handles} names every actor of {@code events} and every assignee of {@code tasks}, by responder id. */
    static String markdown(Incident incident, IncidentMetrics metrics, List<TimelineEvent> events, Map<Long, String> handles,
                           List<Task> tasks, List<Stint> stints) {
        StringBuilder md = new StringBuilder();
        md.append("# Postmortem: ").append(incident.key()).append(" – ").append(incident.title()).append("\n\n");

        md.append("## Summary\n\n");
        md.append("- Severity: ").append(incident.severity()).append(", status: ").append(incident.status()).append('\n');
        md.append("- Source: ").append(incident.source())
                .append(incident.externalRef() == null ? "" : " (" + incident.externalRef() + ")").append('\n');
        md.append("- Detected ").append(incident.detectedAt()).append(", declared ").append(incident.declaredAt()).append('\n');
        md.append("- Time to acknowledge: ").append(duration(metrics.timeToAcknowledgeSeconds()))
                .append("; to mitigate: ").append(duration(metrics.timeToMitigateSeconds()))
                .append("; to resolve: ").append(duration(metrics.timeToResolveSeconds())).append('\n');
        md.append("- Mitigations tried: ").append(metrics.mitigationsTried()).append(" (effective: ")
                .append(metrics.mitigationsEffective()).append("); command handovers: ").append(metrics.commanderHandovers())
                .append("; reopened: ").append(metrics.reopenings()).append("\n\n");
        md.append("_What happened, in two or three sentences._\n\n");

        md.append("## Impact\n\n");
        md.append(impact(incident.impact())).append("\n\n");
        List<TimelineEvent> impactChanges = events.stream().filter(e -> e.details(ImpactUpdated.class).isPresent()).toList();
        if (!impactChanges.isEmpty()) {
            md.append("How the assessment changed:\n\n");
            impactChanges.forEach(e -> md.append("- ").append(e.at()).append(" ").append(handles.get(e.actorId()))
                    .append(": ").append(e.summary()).append('\n'));
            md.append('\n');
        }

        md.append("## Severity history\n\n");
        md.append("- ").append(incident.declaredAt()).append(" declared as ")
                .append(events.isEmpty() ? incident.severity() : events.get(0).details(IncidentDeclared.class)
                        .map(IncidentDeclared::severity).orElse(incident.severity()))
                .append('\n');
        events.forEach(e -> e.details(SeverityChanged.class).ifPresent(change -> md.append("- ").append(e.at()).append(' ')
                .append(change.from()).append(" → ").append(change.to()).append(" by ")
                .append(handles.get(e.actorId())).append(": ").append(change.reason()).append('\n')));
        md.append('\n');

        md.append("## Mitigations\n\n");
        List<Task> mitigations = tasks.stream().filter(Task::isMitigation).toList();
        if (mitigations.isEmpty()) {
            md.append("None recorded.\n\n");
        } else {
            md.append("| mitigation | by | started | finished | status | outcome |\n| --- | --- | --- | --- | --- | --- |\n");
            mitigations.forEach(t -> md.append("| ").append(cell(t.title())).append(" | ").append(handles.get(t.assigneeId())).append(" | ")
                    .append(orDash(t.startedAt())).append(" | ").append(orDash(t.finishedAt())).append(" | ")
                    .append(t.status()).append(" | ").append(t.outcome() == null ? "not judged" : t.outcome()).append(" |\n"));
            md.append('\n');
        }

        md.append("## Who held which role\n\n");
        if (stints.isEmpty()) {
            md.append("Nobody joined the incident.\n\n");
        } else {
            md.append("| responder | role | from | until |\n| --- | --- | --- | --- |\n");
            stints.forEach(s -> md.append("| ").append(s.handle()).append(" | ").append(s.role()).append(" | ")
                    .append(s.since()).append(" | ").append(s.until() == null ? "still on" : s.until()).append(" |\n"));
            md.append('\n');
        }

        md.append("## Stakeholder updates\n\n");
        List<TimelineEvent> updates = events.stream().filter(e -> e.details(UpdatePosted.class).isPresent()).toList();
        if (updates.isEmpty()) {
            md.append("None posted.\n\n");
        } else {
            updates.forEach(e -> e.details(UpdatePosted.class).ifPresent(update -> md.append("- ").append(e.at()).append(" **")
                    .append(update.audience()).append("** ").append(handles.get(e.actorId())).append(": ")
                    .append(oneLine(update.body())).append('\n')));
            md.append('\n');
        }

        md.append("## Notes\n\n");
        List<TimelineEvent> notes = events.stream().filter(e -> e.details(NoteAdded.class).isPresent()).toList();
        if (notes.isEmpty()) {
            md.append("None recorded.\n\n");
        } else {
            notes.forEach(e -> e.details(NoteAdded.class).ifPresent(note -> md.append("- ").append(e.at()).append(' ')
                    .append(handles.get(e.actorId())).append(note.kind() == NoteKind.TEXT ? "" : " (" + note.kind() + ")")
                    .append(": ").append(oneLine(note.body())).append(note.url() == null ? "" : " " + note.url()).append('\n')));
            md.append('\n');
        }

        md.append("## Timeline\n\n");
        events.forEach(e -> md.append("- ").append(e.at()).append(" **").append(e.kind()).append("** ")
                .append(handles.get(e.actorId())).append(": ").append(oneLine(e.summary())).append('\n'));
        md.append('\n');

        md.append("## Follow-ups\n\n");
        List<Task> followUps = tasks.stream().filter(t -> !t.kind().duringResponse() && t.status() != TaskStatus.CANCELLED)
                .toList();
        List<Task> open = tasks.stream().filter(t -> t.kind().duringResponse() && t.open()).toList();
        List<Task> unjudged = mitigations.stream().filter(t -> t.outcome() == null && !t.open()
                && t.status() != TaskStatus.CANCELLED).toList();
        followUps.forEach(t -> md.append(t.status() == TaskStatus.DONE ? "- [x] " : "- [ ] ").append(t.title()).append(" (")
                .append(handles.get(t.assigneeId())).append(t.dueAt() == null ? "" : ", due " + t.dueAt()).append(")\n"));
        open.forEach(t -> md.append("- [ ] ").append(t.title()).append(" (").append(handles.get(t.assigneeId())).append(", ")
                .append(t.status()).append(", left open during the response)\n"));
        unjudged.forEach(t -> md.append("- [ ] Judge the outcome of \"").append(t.title()).append("\"\n"));
        if (followUps.isEmpty() && open.isEmpty() && unjudged.isEmpty()) {
            md.append("- [ ] _Action items from the analysis: create them as FOLLOW_UP tasks._\n");
        }
        md.append("\n## Root cause and lessons\n\n_To be written by the team._\n");
        return md.toString();
    }

    private static String impact(Impact impact) {
        return (impact.summary() == null ? "_No impact statement recorded._" : impact.summary())
                + "\n\n- Reproducible: " + impact.reproducible() + "; frequency: " + impact.frequency()
                + "; retries succeed: " + impact.retriesSucceed()
                + "\n- Scope: " + impact.scope() + (impact.affectedUsers() == null ? "" : " – " + impact.affectedUsers());
    }

    private static String duration(Long seconds) {
        return seconds == null ? "–" : Times.span(Duration.ofSeconds(seconds));
    }

    private static String orDash(Instant at) {
        return at == null ? "–" : at.toString();
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }
}
