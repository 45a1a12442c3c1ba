package dev.incidentcommand.task;

import java.util.List;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.OpenWork;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What resolving would leave hanging: a mitigation still in progress (its effect unknown) and
 * tasks given out that nobody acknowledged. Follow-ups are work for after the incident and never count.
 */
@Component
class OpenTasks implements OpenWork {

    private final TaskRepository tasks;
    private final ResponderRepository responders;

    OpenTasks(TaskRepository tasks, ResponderRepository responders) {
        this.tasks = tasks;
        this.responders = responders;
    }

    @Override
    public Mono<List<String>> leftByResolving(Incident incident) {
        return tasks.findByIncidents(List.of(incident.id()))
                .map(all -> all.stream().filter(OpenTasks::leftHanging).toList())
                .flatMap(open -> open.isEmpty() ? Mono.just(List.of()) : responders.findByIds(open.stream().map(Task::assigneeId).toList())
                        .map(people -> open.stream().map(t -> describe(t, people.get(t.assigneeId()))).toList()));
    }

    private static boolean leftHanging(Task task) {
        return task.kind().duringResponse() && (task.status() == TaskStatus.ASSIGNED
                || (task.isMitigation() && task.status() == TaskStatus.IN_PROGRESS));
    }

    private static String describe(Task task, Responder assignee) {
        return "\"" + task.title() + "\" (" + task.kind().words() + ", " + assignee.handle() + ", "
                + (task.status() == TaskStatus.ASSIGNED ? "not acknowledged" : "in progress") + ")";
    }
}
