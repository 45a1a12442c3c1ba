package dev.incidentcommand.common;

import dev.incidentcommand.support.IntegrationTest;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.declare;
import static org.assertj.core.api.Assertions.assertThat;

class ReactorContextOnlyTest extends IntegrationTest {

    @Test
    void nothingIsCopiedOntoThreadsAndEachRequestStillActsAsItsCaller() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors()).isEmpty();

        String key = declare(as("alice"), "Checkout errors", "SEV2");
        GraphQlTester.Response timeline = as("bob").document("""
                        query($key: ID!) {
                          incident(id: $key) { declaredBy { handle } timeline { edges { node { actor { handle } } } } }
                        }""")
                .variable("key", key)
                .execute();
        timeline.path("incident.declaredBy.handle").entity(String.class).isEqualTo("alice");
        timeline.path("incident.timeline.edges[*].node.actor.handle").entityList(String.class).containsExactly("alice");
        as("bob").document("{ viewer { handle } }").execute().path("viewer.handle").entity(String.class).isEqualTo("bob");
    }
}
