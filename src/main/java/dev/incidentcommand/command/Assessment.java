package dev.incidentcommand.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.command.CommandState.Presence;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskRepository.Reminders;
import dev.incidentcommand.timeline.EventDetails;

/**
 * What one look at an incident found: the events to record, what to remember so that none of
 * them is recorded twice, and the next moment any rule needs to look again. The rules write into
 * it in turn; {@link RulesOfCommand} decides the order.
 */
final class Assessment {

    private final List<EventDetails> findings = new ArrayList<>();
    private final Map<Long, Reminders> reminders = new LinkedHashMap<>();
    private final List<Presence> reliefSuggested = new ArrayList<>();
    private final List<Long> unansweredPages = new ArrayList<>();
    private Incident.Watch watch;
    private Instant nextDueAt;

    Assessment(Incident.Watch watch) {
        this.watch = watch;
    }

    void find(EventDetails finding) {
        findings.add(finding);
    }

    /** Some rule needs another look at {@code when}; the earliest such moment wins. */
    void lookAgainAt(Instant when) {
        if (nextDueAt == null || when.isBefore(nextDueAt)) {
            nextDueAt = when;
        }
    }

    Incident.Watch watch() {
        return watch;
    }

    void watch(Incident.Watch changed) {
        this.watch = changed;
    }

    /** The reminders given for {@code task} so far in this look, or those it carries. */
    Reminders remindersOf(Task task) {
        return reminders.getOrDefault(task.id(), new Reminders(task.ackRemindedAt(), task.overdueReportedFor()));
    }

    void remember(Task task, Reminders given) {
        reminders.put(task.id(), given);
    }

    void suggestRelief(Presence presence) {
        reliefSuggested.add(presence);
    }

    void pageUnanswered(Page page) {
        unansweredPages.add(page.id());
    }

    /** The pages recorded as unanswered in this look. */
    List<Long> unansweredPages() {
        return unansweredPages;
    }

    List<EventDetails> findings() {
        return findings;
    }

    Map<Long, Reminders> reminders() {
        return reminders;
    }

    List<Presence> reliefSuggested() {
        return reliefSuggested;
    }

    /** The watch to save: as the rules left it, due again at the earliest moment any of them named. */
    Incident.Watch finalWatch() {
        return watch.dueAgainAt(nextDueAt);
    }
}
