package dev.incidentcommand.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the live feed.
 *
 * @param channel            PostgreSQL NOTIFY channel shared by all instances on one database
 * @param notifyDelay        the least time between two NOTIFYs from one instance; commits in
 *                           between are announced together (NOTIFY serializes commits
 *                           database-wide, so it is sent outside mutations and coalesced)
 * @param catchUpInterval    how often each instance re-reads positions, bounding how late an
 *                           event can be when a notification was lost
 * @param catchUpWindow      how far back the catch-up looks at resolved incidents
 * @param subscriberBuffer   events a subscriber may fall behind before it is ended with a
 *                           resume hint
 * @param readBatch          most events read from the table in one go
 */
@ConfigurationProperties("incident-command.live")
public record LiveProperties(
        @DefaultValue("incident_timeline") String channel,
        @DefaultValue("10ms") Duration notifyDelay,
        @DefaultValue("1s") Duration catchUpInterval,
        @DefaultValue("10m") Duration catchUpWindow,
        @DefaultValue("1024") int subscriberBuffer,
        @DefaultValue("1000") int readBatch) {
}
