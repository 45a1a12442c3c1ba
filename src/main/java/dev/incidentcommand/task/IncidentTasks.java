package dev.incidentcommand.task;

import java.util.List;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.Snapshots;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code Incident.tasks}, read on every incident of a board, as a plain data fetcher rather than
 * a controller method: Spring for GraphQL builds a handler (and resolves its arguments) on every
 * call of a mapped method, which cost more than the read, usually answered from the snapshot
 * of the incident's tasks at its current sequence.
 */
@Component
class IncidentTasks implements RuntimeWiringConfigurer {

    private final TaskRepository tasks;
    private final Snapshots snapshots;

    IncidentTasks(TaskRepository tasks, Snapshots snapshots) {
        this.tasks = tasks;
        this.snapshots = snapshots;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type("Incident", type -> type.dataFetcher("tasks", this::tasks));
    }

    Mono<List<Task>> tasks(DataFetchingEnvironment environment) {
        Incident incident = environment.getSource();
        List<String> status = environment.getArgument("status");
        return snapshots.of("tasks", incident, () -> tasks.findByIncidents(List.of(incident.id())))
                .map(all -> status == null ? all : all.stream().filter(task -> status.contains(task.status().name())).toList());
    }
}
