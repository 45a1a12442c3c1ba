package dev.incidentcommand.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Written log lines are counted by level; level checks that write nothing cost no filter. */
class LogEventsTest {

    private final LoggerContext logging = new LoggerContext();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    private double written(String level) {
        return meters.get("logback.events").tag("level", level).counter().count();
    }

    @Test
    void countsTheLinesWrittenByLevelAndNotThoseBelowTheLevel() {
        LogEvents events = new LogEvents(logging);
        events.bindTo(meters);
        Logger log = logging.getLogger("dev.incidentcommand.counted");
        log.setLevel(Level.INFO);

        log.error("failed");
        log.warn("slow");
        log.warn("slower");
        log.info("declared");
        log.debug("not written");

        assertThat(written("error")).isEqualTo(1);
        assertThat(written("warn")).isEqualTo(2);
        assertThat(written("info")).isEqualTo(1);
        assertThat(written("debug")).isZero();
        // The framework's binder would have put a filter in front of every level check.
        assertThat(logging.getTurboFilterList()).isEmpty();
    }

    @Test
    void keepsCountingWhenLoggingIsReconfiguredAndStopsWhenClosed() {
        LogEvents events = new LogEvents(logging);
        events.bindTo(meters);
        Logger log = logging.getLogger("dev.incidentcommand.counted");

        logging.reset();
        log.warn("after a reset");
        assertThat(written("warn")).isEqualTo(1);

        events.destroy();
        log.warn("after closing");
        assertThat(written("warn")).isEqualTo(1);
    }
}
