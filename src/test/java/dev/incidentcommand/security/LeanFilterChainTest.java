package dev.incidentcommand.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The security filters' chain: each filter in turn, then what follows security, as the framework's chain runs them. */
class LeanFilterChainTest {

    private final List<String> ran = new ArrayList<>();
    private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/graphql"));
    private final WebFilterChain afterSecurity = exchange -> Mono.fromRunnable(() -> ran.add("handler"));

    private WebFilter passing(String name) {
        return (exchange, chain) -> Mono.defer(() -> {
            ran.add(name);
            return chain.filter(exchange);
        });
    }

    private WebFilterChain chain(WebFilter... filters) {
        return new LeanFilterChain.Decorator().decorate(afterSecurity, new ArrayList<>(List.of(filters)));
    }

    @Test
    void runsEachFilterInOrderThenWhatFollows() {
        StepVerifier.create(chain(passing("cors"), passing("authentication"), passing("authorization")).filter(exchange))
                .verifyComplete();
        assertThat(ran).containsExactly("cors", "authentication", "authorization", "handler");
    }

    @Test
    void aFilterThatAnswersItselfEndsTheChain() {
        WebFilter refusing = (exchange, chain) -> Mono.fromRunnable(() -> ran.add("refused"));
        StepVerifier.create(chain(passing("cors"), refusing, passing("authorization")).filter(exchange)).verifyComplete();
        assertThat(ran).containsExactly("cors", "refused");
    }

    @Test
    void aFilterThatThrowsGivesAnErrorSignalNotAThrow() {
        WebFilter broken = (exchange, chain) -> {
            throw new IllegalStateException("broken filter");
        };
        Mono<Void> result = chain(passing("cors"), broken).filter(exchange);
        StepVerifier.create(result).expectErrorMessage("broken filter").verify();
        assertThat(ran).containsExactly("cors");
    }

    @Test
    void noFiltersGoesStraightOn() {
        StepVerifier.create(chain().filter(exchange)).verifyComplete();
        assertThat(ran).containsExactly("handler");
    }
}
