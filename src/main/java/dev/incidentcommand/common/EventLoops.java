package dev.incidentcommand.common;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import reactor.netty.resources.LoopResources;

/**
 * The application's event loops (see {@link ServerResources}). Everything that runs on them (the
 * web server, the database pool, the live feed's connection) depends on this bean, through the
 * {@code ReactorResourceFactory} that hands them out, and is therefore closed before they shut down.
 */
final class EventLoops implements DisposableBean {

    private static final Duration QUIET_PERIOD = Duration.ZERO;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final LoopResources resources;

    EventLoops(LoopResources resources) {
        this.resources = resources;
    }

    LoopResources resources() {
        return resources;
    }

    @Override
    public void destroy() {
        resources.disposeLater(QUIET_PERIOD, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT.plusSeconds(1));
    }
}
