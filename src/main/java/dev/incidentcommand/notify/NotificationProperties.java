package dev.incidentcommand.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are delivered.
 *
 * @param pollInterval   how often each instance looks for notifications to send, besides right after its own commits
 * @param timeout        how long one delivery may take before it counts as failed
 * @param retryInitial   the wait before the first retry; each further retry waits twice as long
 * @param retryMax       the longest wait between retries; a channel that is down is tried this often
 * @param lease          how long a claimed notification stays with the instance sending it; longer than {@code timeout}
 * @param unhealthyAfter failures in a row after which a channel is shown as unhealthy
 * @param concurrency    how many deliveries an instance makes at once (to different channels or incidents)
 * @param channelsFor    how long an instance keeps the list of channels before reading it again
 */
@ConfigurationProperties("incident-command.notifications")
public record NotificationProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration retryInitial,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int unhealthyAfter,
        @DefaultValue("16") int concurrency,
        @DefaultValue("2s") Duration channelsFor) {

    /** The wait before the next try after {@code attempts} failed ones. */
    Duration backoff(int attempts) {
        Duration wait = retryInitial.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
