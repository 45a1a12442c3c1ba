package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.MonitoringWindowEnded;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.incident.MonitoringRules;
import org.springframework.stereotype.Component;

/**
 * Rule 7: monitor after mitigation. A mitigated incident is watched for a monitoring window before
 * it is resolved; resolving earlier, or without monitoring, needs a recorded reason. The end of
 * the window is recorded once, and a recurrence while watched reopens the incident.
 */
@Component
class MonitorAfterMitigation implements MonitoringRules {

    private final DisciplineProperties settings;

    MonitorAfterMitigation(DisciplineProperties settings) {
        this.settings = settings;
    }

    @Override
    public Instant monitoringUntil(Integer requestedMinutes, Instant now) {
        return now.plus(requestedMinutes == null ? settings.monitoringWindow() : Duration.ofMinutes(requestedMinutes));
    }

    @Override
    public boolean checkResolution(Incident incident, String reason, Instant now) {
        Instant until = incident.watch().monitoringUntil();
        boolean monitoring = incident.status() == IncidentStatus.MONITORING;
        boolean early = !monitoring || (until != null && now.isBefore(until));
        if (early && reason == null) {
            throw Refusal.onInput("reason", UserErrorCode.MONITORING_WINDOW_OPEN, monitoring
                    ? incident.key() + " is monitored until " + Times.readable(until) + "; resolving earlier needs a reason."
                    : incident.key() + " has not been monitored after mitigation; resolving it now needs a reason.");
        }
        return early;
    }

    @Override
    public boolean repeatReopens(Incident incident) {
        return incident.status() == IncidentStatus.MONITORING;
    }

    /** Records the end of the monitoring window once, when it has passed. */
    static void assessWindow(Incident incident, Instant now, Assessment into) {
        Incident.Watch watch = into.watch();
        if (incident.status() != IncidentStatus.MONITORING || watch.monitoringUntil() == null || watch.monitoringEnded()) {
            return;
        }
        if (now.isBefore(watch.monitoringUntil())) {
            into.lookAgainAt(watch.monitoringUntil());
            return;
        }
        into.watch(watch.windowEnded());
        into.find(new MonitoringWindowEnded(watch.monitoringUntil()));
    }
}
