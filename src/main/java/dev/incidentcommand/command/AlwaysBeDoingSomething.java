package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.IncidentStalled;
import dev.incidentcommand.command.CommandEvent.IncidentUnstalled;
import dev.incidentcommand.incident.Incident;

/**
 * Rule 4: always be doing something. An incident still being worked on with nothing acknowledged
 * or in progress is stalled, once a short grace after declaration has passed; the stall and its
 * end are each recorded once.
 */
final class AlwaysBeDoingSomething {

    private AlwaysBeDoingSomething() {
    }

    static void assess(CommandState state, Instant now, Duration grace, Assessment into) {
        Incident incident = state.incident();
        Incident.Watch watch = into.watch();
        boolean needsWork = incident.status().isWorking();
        if (needsWork && !state.hasWork()) {
            Instant graceEnds = incident.declaredAt().plus(grace);
            if (now.isBefore(graceEnds)) {
                into.lookAgainAt(graceEnds);
            } else if (watch.stalledSince() == null) {
                into.watch(stalledSince(watch, now));
                into.find(new IncidentStalled());
            }
        } else if (watch.stalledSince() != null) {
            into.find(new IncidentUnstalled(Duration.between(watch.stalledSince(), now).toSeconds(), incident.status()));
            into.watch(stalledSince(watch, null));
        }
    }

    private static Incident.Watch stalledSince(Incident.Watch watch, Instant since) {
        return new Incident.Watch(since, watch.lastCheckInAt(), watch.checkInMissedAt(), watch.monitoringUntil(),
                watch.monitoringEnded(), watch.nextDueAt());
    }
}
