package dev.incidentcommand.command;

import java.util.List;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.communication.Spokespeople;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import dev.incidentcommand.task.TaskRepository;
import dev.incidentcommand.task.TaskStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One voice to customers: the commander speaks for the incident, or delegates it with a
 * CUSTOMER_COMMS task, whose assignee speaks once they have acknowledged it.
 */
@Component
class CommanderSpeaksForTheIncident implements Spokespeople {

    private final TaskRepository tasks;

    CommanderSpeaksForTheIncident(TaskRepository tasks) {
        this.tasks = tasks;
    }

    @Override
    public Mono<Void> checkSpeaksFor(Incident incident, Responder responder) {
        if (incident.isCommander(responder.id())) {
            return Mono.empty();
        }
        return tasks.openTasksOf(incident.id(), responder.id()).flatMap(held -> delegated(held)
                ? Mono.empty()
                : Mono.error(new Refusal(UserErrorCode.NOT_SPOKESPERSON, "Customers hear from " + incident.key()
                        + "'s commander, or from whoever acknowledged its CUSTOMER_COMMS task; " + responder.handle()
                        + " is neither. Post an INTERNAL update, or ask the commander for the customer comms task.")));
    }

    private static boolean delegated(List<Task> held) {
        return held.stream().anyMatch(t -> t.kind() == TaskKind.CUSTOMER_COMMS
                && (t.status() == TaskStatus.ACKNOWLEDGED || t.status() == TaskStatus.IN_PROGRESS));
    }
}
