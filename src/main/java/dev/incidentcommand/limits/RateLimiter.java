package dev.incidentcommand.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * A token bucket per credential: {@code requestsPerSecond} sustained, {@code burst} at once. A
 * storm from one client is slowed down without touching anyone else.
 */
@Component
class RateLimiter {

    private static final long IDLE_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int SWEEP_ABOVE = 10_000;

    private final double perNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(LimitsProperties limits) {
        this.perNano = limits.requestsPerSecond() / 1e9;
        this.burst = Math.max(1, limits.burst());
    }

    private final class Bucket {
        private double tokens = burst;
        private long updated = System.nanoTime();

        /** Takes one token; returns 0 when granted, else how long until one is available. */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }

    /** Empty when {@code key} may go ahead now; otherwise how long to wait before trying again. */
    Duration acquire(String key) {
        long now = System.nanoTime();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> now - bucket.updated > IDLE_NANOS);
        }
        long wait = buckets.computeIfAbsent(key, k -> new Bucket()).take(now);
        return wait == 0 ? null : Duration.ofNanos(wait);
    }
}
