package dev.incidentcommand.incident;

import java.time.Instant;

/**
 * Rule 7 of command, monitor after mitigation, as moving an incident through its lifecycle needs
 * it. The rules of command implement it (command/MonitorAfterMitigation); the lifecycle only asks.
 */
public interface MonitoringRules {

    /** When the monitoring window of an incident that enters MONITORING now ends. */
    Instant monitoringUntil(Integer requestedMinutes, Instant now);

    /** Whether resolving now is early; an early resolution without a reason is refused. */
    boolean checkResolution(Incident incident, String reason, Instant now);

    /** Whether the incident's alert firing again reopens it: a recurrence while it is watched. */
    boolean repeatReopens(Incident incident);
}
