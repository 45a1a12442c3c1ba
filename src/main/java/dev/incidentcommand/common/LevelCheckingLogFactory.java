package dev.incidentcommand.common;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * Commons Logging over SLF4J, as the built-in factory does, except that a message is turned into
 * text only when its level is on. The built-in SLF4J adapter renders every message first, so the
 * lazy {@code LogMessage}s that Spring and Spring Security pass at debug level (several per HTTP
 * request) were formatted and thrown away on every request. Chosen through
 * {@code META-INF/services/org.apache.commons.logging.LogFactory}.
 */
public final class LevelCheckingLogFactory extends LogFactory {

    private final LogFactory slf4j = new Slf4jLogFactory();

    @Override
    public Log getInstance(Class<?> clazz) {
        return getInstance(clazz.getName());
    }

    @Override
    public Log getInstance(String name) {
        // The SLF4J factory keeps one log per name; callers keep theirs, so a wrapper each time costs nothing.
        return new LevelChecking(slf4j.getInstance(name));
    }

    @Override
    public Object getAttribute(String name) {
        return slf4j.getAttribute(name);
    }

    @Override
    public String[] getAttributeNames() {
        return slf4j.getAttributeNames();
    }

    @Override
    public void removeAttribute(String name) {
        slf4j.removeAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        slf4j.setAttribute(name, value);
    }

    @Override
    public void release() {
        slf4j.release();
    }

    /** Asks the level before passing a message on. */
    private record LevelChecking(Log log) implements Log {

        @Override
        public void trace(Object message) {
            if (log.isTraceEnabled()) {
                log.trace(message);
            }
        }

        @Override
        public void trace(Object message, Throwable t) {
            if (log.isTraceEnabled()) {
                log.trace(message, t);
            }
        }

        @Override
        public void debug(Object message) {
            if (log.isDebugEnabled()) {
                log.debug(message);
            }
        }

        @Override
        public void debug(Object message, Throwable t) {
            if (log.isDebugEnabled()) {
                log.debug(message, t);
            }
        }

        @Override
        public void info(Object message) {
            if (log.isInfoEnabled()) {
                log.info(message);
            }
        }

        @Override
        public void info(Object message, Throwable t) {
            if (log.isInfoEnabled()) {
                log.info(message, t);
            }
        }

        @Override
        public void warn(Object message) {
            if (log.isWarnEnabled()) {
                log.warn(message);
            }
        }

        @Override
        public void warn(Object message, Throwable t) {
            if (log.isWarnEnabled()) {
                log.warn(message, t);
            }
        }

        @Override
        public void error(Object message) {
            if (log.isErrorEnabled()) {
                log.error(message);
            }
        }

        @Override
        public void error(Object message, Throwable t) {
            if (log.isErrorEnabled()) {
                log.error(message, t);
            }
        }

        @Override
        public void fatal(Object message) {
            if (log.isFatalEnabled()) {
                log.fatal(message);
            }
        }

        @Override
        public void fatal(Object message, Throwable t) {
            if (log.isFatalEnabled()) {
                log.fatal(message, t);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return log.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return log.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return log.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return log.isErrorEnabled();
        }

        @Override
        public boolean isFatalEnabled() {
            return log.isFatalEnabled();
        }
    }
}
