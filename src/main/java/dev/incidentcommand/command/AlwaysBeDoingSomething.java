package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.IncidentStalled;
import dev.incidentcommand.command.CommandEvent.IncidentUnstalled;
import dev.incidentcommand.incident.Incident;

/**
 * Rule 4: always be doing something. An incident still being worked on (not yet mitigated) with
 * nothing acknowledged or in progress is idle; idle for the stall grace, it is stalled. The grace
 * runs from when work stopped, so finishing one task and starting the next, or moving to
 * MONITORING (watching is doing something), is not a stall. The stall and its end are each
 * recorded once.
 */
final class AlwaysBeDoingSomething {

    private AlwaysBeDoingSomething() {
    }

    static void assess(CommandState state, Instant now, Duration grace, Assessment into) {
        Incident incident = state.incident();
        Incident.Watch watch = into.watch();
        boolean idle = incident.status().isWorking() && !state.hasWork();
        if (!idle) {
            if (watch.stalledSince() != null) {
                into.find(new IncidentUnstalled(Duration.between(watch.stalledSince(), now).toSeconds(), incident.status()));
            }
            into.watch(watch.idle(null, null));
            return;
        }
        Instant idleSince = watch.idleSince() != null ? watch.idleSince() : now;
        if (watch.stalledSince() != null) {
            into.watch(watch.idle(idleSince, watch.stalledSince()));
            return;
        }
        Instant stallsAt = idleSince.plus(grace);
        if (now.isBefore(stallsAt)) {
            into.watch(watch.idle(idleSince, null));
            into.lookAgainAt(stallsAt);
            return;
        }
        into.watch(watch.idle(idleSince, now));
        into.find(new IncidentStalled(idleSince, state.unacknowledged().size()));
    }
}
