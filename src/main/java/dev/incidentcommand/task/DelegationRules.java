package dev.incidentcommand.task;

import java.time.Instant;
import java.util.List;

import dev.incidentcommand.incident.Incident;

/**
 * Rules 1 and 3 of command as delegating work needs them: the commander does not mitigate, and
 * mitigations run one at a time. The rules of command implement it; task mutations only ask.
 */
public interface DelegationRules {

    /** Refuses giving, acknowledging or starting a MITIGATION by the incident's commander. */
    void checkNotCommander(Incident incident, TaskKind kind, long responderId, String field);

    /**
     * May {@code task} start now, given all of the incident's tasks? Refuses a second mitigation
     * at a time unless overridden on a SEV1; returns whether the override was used.
     */
    boolean checkStart(Incident incident, Task task, List<Task> incidentTasks, Instant now, String overrideReason);
}
