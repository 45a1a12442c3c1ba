package dev.incidentcommand.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.Stint;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskStatus;

/**
 * Everything the rules of command look at for one incident, read under the incident's lock.
 *
 * @param handles         the handles of the tasks' assignees and of the paged, by responder id
 * @param reliefSuggested the stays relief was already suggested for ({@link Presence#key()})
 */
record CommandState(Incident incident, List<Task> tasks, Map<Long, String> handles, List<Stint> stints,
                    Set<String> reliefSuggested, List<Page> pages) {

    /** A responder's current continuous stay on the incident, across role changes. */
    record Presence(long responderId, String handle, Instant since) {

        String key() {
            return responderId + "@" + since;
        }
    }

    String handle(long responderId) {
        return handles.get(responderId);
    }

    CommandState withIncident(Incident current) {
        return new CommandState(current, tasks, handles, stints, reliefSuggested, pages);
    }

    /** The tasks of the response itself; follow-ups are work for after it, which no rule watches. */
    List<Task> responseTasks() {
        return tasks.stream().filter(t -> t.kind().duringResponse()).toList();
    }

    /** Someone has taken work on: a task of the response is acknowledged or in progress. */
    boolean hasWork() {
        return responseTasks().stream()
                .anyMatch(t -> t.status() == TaskStatus.ACKNOWLEDGED || t.status() == TaskStatus.IN_PROGRESS);
    }

    /** Tasks of the response given out but not yet acknowledged. */
    List<Task> unacknowledged() {
        return responseTasks().stream().filter(t -> t.status() == TaskStatus.ASSIGNED).toList();
    }

    List<Presence> presences() {
        return presences(stints);
    }

    /** Who is on the incident now and since when, counting back-to-back roles as one stay. */
    static List<Presence> presences(List<Stint> stints) {
        Map<Long, List<Stint>> byResponder = new LinkedHashMap<>();
        stints.stream().sorted(Comparator.comparing(Stint::since))
                .forEach(stint -> byResponder.computeIfAbsent(stint.responderId(), id -> new ArrayList<>()).add(stint));
        List<Presence> present = new ArrayList<>();
        byResponder.forEach((responderId, list) -> {
            Instant start = null;
            Instant end = null;
            boolean open = false;
            for (Stint stint : list) {
                boolean gap = start == null || (!open && end != null && stint.since().isAfter(end));
                if (gap) {
                    start = stint.since();
                    open = false;
                    end = null;
                }
                if (stint.until() == null) {
                    open = true;
                } else if (end == null || stint.until().isAfter(end)) {
                    end = stint.until();
                }
            }
            if (open) {
                present.add(new Presence(responderId, list.get(0).handle(), start));
            }
        });
        return present;
    }
}
