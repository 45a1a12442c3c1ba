package dev.incidentcommand.command;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.incidentcommand.incident.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the rules of command.
 *
 * @param stallGrace        how long a new incident may go without acknowledged work before it counts as stalled
 * @param ackReminderAfter  how long an assignment may stay unacknowledged before a reminder, and between reminders
 * @param settleInterval    after a mitigation finishes without a recorded outcome, how long before the next may start
 * @param monitoringWindow  how long an incident is monitored before it may be resolved, unless set per incident
 * @param reliefAfter       how long a responder may stay on an incident before relief is suggested
 * @param checkIn           the check-in cadence per severity, over the defaults (SEV1 15m, SEV2 30m, SEV3 60m);
 *                          a severity without one, or set to 0, has no check-ins
 * @param sweepInterval     how often each instance looks for rules that time has made due
 * @param pageAnswer        how long a page may go unanswered per severity, over the defaults
 *                          (SEV1 5m, SEV2 10m, SEV3 15m, SEV4 30m, SEV5 60m)
 */
@ConfigurationProperties("incident-command.discipline")
public record DisciplineProperties(
        @DefaultValue("2m") Duration stallGrace,
        @DefaultValue("5m") Duration ackReminderAfter,
        @DefaultValue("5m") Duration settleInterval,
        @DefaultValue("15m") Duration monitoringWindow,
        @DefaultValue("4h") Duration reliefAfter,
        Map<Severity, Duration> checkIn,
        @DefaultValue("5s") Duration sweepInterval,
        Map<Severity, Duration> pageAnswer) {

    public DisciplineProperties {
        Map<Severity, Duration> cadences = new EnumMap<>(Map.of(
                Severity.SEV1, Duration.ofMinutes(15),
                Severity.SEV2, Duration.ofMinutes(30),
                Severity.SEV3, Duration.ofMinutes(60)));
        if (checkIn != null) {
            cadences.putAll(checkIn);
        }
        checkIn = cadences;
        Map<Severity, Duration> answerWithin = new EnumMap<>(Map.of(
                Severity.SEV1, Duration.ofMinutes(5),
                Severity.SEV2, Duration.ofMinutes(10),
                Severity.SEV3, Duration.ofMinutes(15),
                Severity.SEV4, Duration.ofMinutes(30),
                Severity.SEV5, Duration.ofMinutes(60)));
        if (pageAnswer != null) {
            answerWithin.putAll(pageAnswer);
        }
        pageAnswer = answerWithin;
    }

    /** How long a page on an incident of this severity may go unanswered. */
    public Duration pageAnswerWithin(Severity severity) {
        return pageAnswer.get(severity);
    }

    /** The check-in cadence for a severity, or null when it has none. */
    public Duration checkInCadence(Severity severity) {
        Duration cadence = checkIn.get(severity);
        return cadence == null || cadence.isZero() || cadence.isNegative() ? null : cadence;
    }
}
