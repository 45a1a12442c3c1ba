package dev.incidentcommand.common;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Framework log messages below the level in force cost nothing: they are never rendered. */
class LevelCheckingLogFactoryTest {

    @Test
    void commonsLoggingIsServedByTheLevelCheckingFactory() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeverRendered() {
        Log log = LogFactory.getLog("dev.incidentcommand.quiet");
        AtomicInteger rendered = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                rendered.incrementAndGet();
                return "rendered";
            }
        };

        assertThat(log.isDebugEnabled()).isFalse();
        log.debug(message);
        log.trace(message);
        assertThat(rendered).hasValue(0);

        log.info(message);
        assertThat(rendered).hasValue(1);
    }
}
