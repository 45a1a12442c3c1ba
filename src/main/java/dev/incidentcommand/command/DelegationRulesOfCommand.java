package dev.incidentcommand.command;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.task.DelegationRules;
import dev.incidentcommand.task.Task;
import dev.incidentcommand.task.TaskKind;
import org.springframework.stereotype.Component;

/** Rules 1 and 3, as the task mutations ask for them. */
@Component
class DelegationRulesOfCommand implements DelegationRules {

    private final DisciplineProperties settings;

    DelegationRulesOfCommand(DisciplineProperties settings) {
        this.settings = settings;
    }

    @Override
    public void checkNotCommander(Incident incident, TaskKind kind, long responderId, String field) {
        CommanderDoesNotMitigate.checkNotCommander(incident, kind, responderId, field);
    }

    @Override
    public boolean checkStart(Incident incident, Task task, List<Task> incidentTasks, Instant now, String overrideReason) {
        return OneMitigationAtATime.checkStart(incident, task, incidentTasks, now, settings.settleInterval(), overrideReason);
    }
}
