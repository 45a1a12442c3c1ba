package dev.incidentcommand.common;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A request's state travels in Reactor's context only: the caller, the security context and the
 * GraphQL context are read from there, never from thread-locals. Libraries on the class path
 * (Spring Security, Spring for GraphQL, Micrometer's observations) register thread-local
 * accessors for code that does read thread-locals, and Reactor and Spring for GraphQL then copy
 * every one of them onto the thread and back around each data fetcher and each message a database
 * connection delivers: a tenth of a board request's CPU, for values nothing here reads. They are
 * unregistered at startup; what they carried stays in Reactor's context, where it is read.
 */
@Component
class ReactorContextOnly {

    private static final Logger log = LoggerFactory.getLogger(ReactorContextOnly.class);

    ReactorContextOnly() {
        ContextRegistry registry = ContextRegistry.getInstance();
        List<ThreadLocalAccessor<?>> accessors = List.copyOf(registry.getThreadLocalAccessors());
        accessors.forEach(accessor -> registry.removeThreadLocalAccessor(accessor.key()));
        log.debug("Thread-local accessors unregistered: {}", accessors.stream().map(ThreadLocalAccessor::key).toList());
    }
}
