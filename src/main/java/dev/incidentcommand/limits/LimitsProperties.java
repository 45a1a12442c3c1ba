package dev.incidentcommand.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request may ask of the server, so that no request (and no client) can take it down.
 *
 * @param maxCost                    the most work a query may describe: each field counts 1, times the
 *                                   page or list sizes above it (see {@link QueryLimits})
 * @param maxDepth                   how deeply fields may nest
 * @param maxAliases                 how many aliased fields one document may hold
 * @param maxMutationFields          how many mutations one request may run
 * @param timeout                    how long a query or mutation may run before it is stopped
 * @param maxRequestSize             the largest request body over HTTP
 * @param subscriptionsPerConnection how many subscriptions one WebSocket may keep open
 * @param requestsPerSecond          the sustained rate of requests per credential
 * @param burst                      how many requests a credential may send at once above that rate
 */
@ConfigurationProperties("incident-command.limits")
public record LimitsProperties(
        @DefaultValue("20000") int maxCost,
        @DefaultValue("12") int maxDepth,
        @DefaultValue("50") int maxAliases,
        @DefaultValue("10") int maxMutationFields,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("100") int subscriptionsPerConnection,
        @DefaultValue("50") int requestsPerSecond,
        @DefaultValue("200") int burst) {
}
