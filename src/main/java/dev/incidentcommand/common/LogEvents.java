package dev.incidentcommand.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code logback_events_total{level}}: the lines the server writes, by level, so an alert can
 * fire on errors. The framework's own binder counts them with a turbo filter, which logback asks
 * on every level check of every logger, also for the debug lines nobody writes: several per
 * request, about 1% of a request's CPU. Counted here by an appender on the root logger instead,
 * which sees only the lines that are written.
 */
@Component
class LogEvents implements MeterBinder, DisposableBean {

    private final LoggerContext logging;
    private final Counting appender = new Counting();
    private final ReattachOnReset reattach = new ReattachOnReset();

    LogEvents() {
        this(LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : null);
    }

    LogEvents(LoggerContext logging) {
        this.logging = logging;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Spring Boot binds it once, to the application's registry; the lines are counted once.
        if (logging == null || appender.error != null) {
            return;
        }
        appender.error = counter(registry, "error");
        appender.warn = counter(registry, "warn");
        appender.info = counter(registry, "info");
        appender.debug = counter(registry, "debug");
        appender.trace = counter(registry, "trace");
        appender.setContext(logging);
        // Its own name: a second application context in the same JVM has a counter of its own.
        appender.setName("counting-" + System.identityHashCode(this));
        attach();
        logging.addListener(reattach);
    }

    private static Counter counter(MeterRegistry registry, String level) {
        return Counter.builder("logback.events").tag("level", level)
                .description("Log lines written, by level").register(registry);
    }

    private void attach() {
        ch.qos.logback.classic.Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(appender.getName()) == null) {
            // A reset stopped it when it removed it.
            if (!appender.isStarted()) {
                appender.start();
            }
            root.addAppender(appender);
        }
    }

    @Override
    public void destroy() {
        if (logging != null) {
            logging.removeListener(reattach);
            logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
    }

    /** Counts each line by its level; writes nothing. */
    private static final class Counting extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private Counter error;
        private Counter warn;
        private Counter info;
        private Counter debug;
        private Counter trace;

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                default -> trace.increment();
            }
        }
    }

    /** Reconfiguring logging (a second application context in the same JVM) removes every appender. */
    private final class ReattachOnReset implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            attach();
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {
        }
    }
}
