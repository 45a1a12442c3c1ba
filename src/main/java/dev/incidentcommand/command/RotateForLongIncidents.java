package dev.incidentcommand.command;

import java.time.Duration;
import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.ReliefSuggested;
import dev.incidentcommand.command.CommandState.Presence;

/**
 * Rule 6: rotate for long incidents. Anyone on an incident for longer than {@code reliefAfter},
 * counting back-to-back roles as one stay, is suggested for relief once per stay.
 */
final class RotateForLongIncidents {

    private RotateForLongIncidents() {
    }

    static void assess(CommandState state, Instant now, Duration reliefAfter, Assessment into) {
        if (!state.incident().active()) {
            return;
        }
        for (Presence presence : state.presences()) {
            if (state.reliefSuggested().contains(presence.key())) {
                continue;
            }
            Instant reliefAt = presence.since().plus(reliefAfter);
            if (now.isBefore(reliefAt)) {
                into.lookAgainAt(reliefAt);
            } else {
                into.suggestRelief(presence);
                into.find(new ReliefSuggested(presence.handle(), presence.since()));
            }
        }
    }

    /** Whether someone present since {@code since} is due for relief now. */
    static boolean dueForRelief(Instant since, Instant now, Duration reliefAfter) {
        return !now.isBefore(since.plus(reliefAfter));
    }
}
