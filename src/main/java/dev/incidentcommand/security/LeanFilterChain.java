package dev.incidentcommand.security;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs the security filters one after the other, as the framework's chain does, without what that
 * chain adds to each step of each request: a deferred {@code Mono}, the filter's {@code toString()}
 * and a Reactor checkpoint named after it. A request passes nine security filters, so that was nine
 * more operators on every signal of every request, for names that only appear in the stack trace
 * of an error no filter handled.
 */
final class LeanFilterChain implements WebFilterChain {

    private final List<WebFilter> filters;
    private final int next;
    private final WebFilterChain then;

    private LeanFilterChain(List<WebFilter> filters, int next, WebFilterChain then) {
        this.filters = filters;
        this.next = next;
        this.then = then;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange) {
        try {
            return next < filters.size()
                    ? filters.get(next).filter(exchange, new LeanFilterChain(filters, next + 1, then))
                    : then.filter(exchange);
        } catch (RuntimeException failed) {
            // What the framework's deferred step turned into an error signal, so here too.
            return Mono.error(failed);
        }
    }

    /** The decorator Spring Security's filter chain proxy asks for the chain of each request. */
    static final class Decorator implements WebFilterChainDecorator {

        @Override
        public WebFilterChain decorate(WebFilterChain original) {
            return original;
        }

        @Override
        public WebFilterChain decorate(WebFilterChain original, List<WebFilter> filters) {
            // The proxy collects the list afresh for each request; nothing else holds it.
            return new LeanFilterChain(filters, 0, original);
        }
    }

    /** Installed on the proxy once it is built, replacing the framework's default decorator. */
    static BeanPostProcessor installer() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setFilterChainDecorator(new Decorator());
                }
                return bean;
            }
        };
    }
}
