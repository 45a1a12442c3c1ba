package dev.incidentcommand.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in an application context of its own, and so on a database of its own (each context gets
 * a fresh one): the counts below are exactly this test's incidents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "spring.application.name=incident-command-paging-test")
class IncidentPagingTest extends IntegrationTest {

    private final List<String> declared = new ArrayList<>();

    @BeforeAll
    void declareTwentyFiveIncidents() {
        GraphQlTester alice = as("alice");
        for (int i = 0; i < 25; i++) {
            declared.add(declare(alice, "Incident number " + i, i % 5 == 0 ? "SEV1" : "SEV3"));
        }
        for (int i = 0; i < 25; i += 3) {
            mutate(alice, "changeStatus", Map.of("incidentId", declared.get(i), "status", "RESOLVED", "reason", "Duplicate"),
                    "incident { key }");
        }
    }

    @Test
    void pagesWalkAllIncidentsNewestFirstWithoutRepeats() {
        GraphQlTester alice = as("alice");
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            GraphQlTester.Response page = alice.document("""
                            query($after: String) {
                              incidents(first: 10, after: $after) {
                                totalCount
                                edges { cursor node { key } }
                                pageInfo { hasNextPage endCursor }
                              }
                            }""")
                    .variable("after", after).execute();
            page.path("incidents.totalCount").entity(Integer.class).isEqualTo(25);
            List<String> keys = page.path("incidents.edges[*].node.key").entityList(String.class).get();
            seen.addAll(keys);
            pageSizes.add(keys.size());
            more = page.path("incidents.pageInfo.hasNextPage").entity(Boolean.class).get();
            after = page.path("incidents.pageInfo.endCursor").entity(String.class).get();
        }
        assertThat(pageSizes).containsExactly(10, 10, 5);
        List<String> newestFirst = new ArrayList<>(declared);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filtersNarrowTheListAndTheCount() {
        GraphQlTester alice = as("alice");
        alice.document("{ incidents(first: 100, filter: {active: true, severities: [SEV1]}) { totalCount edges { node { severity active } } } }")
                .execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(3)
                .path("incidents.edges[*].node.severity").entityList(String.class).containsExactly("SEV1", "SEV1", "SEV1");
        alice.document("{ incidents(filter: {active: false}) { totalCount } }").execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(9);
        alice.document("{ incidents(filter: {statuses: [DECLARED]}, first: 1) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }")
                .execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(16)
                .path("incidents.edges").entityList(Object.class).hasSize(1)
                .path("incidents.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("incidents.pageInfo.endCursor").entity(String.class).satisfies(cursor -> assertThat(cursor).isNotBlank());
    }

    @Test
    void aFilterGivenAsAVariableNarrowsTheListLikeOneWrittenInTheDocument() {
        GraphQlTester alice = as("alice");
        String query = "query($filter: IncidentFilter) { incidents(first: 100, filter: $filter) { totalCount edges { node { key } } } }";
        alice.document(query)
                .variable("filter", Map.of("statuses", List.of("DECLARED", "RESOLVED"), "severities", List.of("SEV1")))
                .execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(5)
                .path("incidents.edges[*].node.key").entityList(String.class)
                .containsExactly(declared.get(20), declared.get(15), declared.get(10), declared.get(5), declared.get(0));
        alice.document(query).variable("filter", Map.of("source", "MANUAL", "active", false)).execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(9);
        alice.document(query).variable("filter", Map.of("source", "ALERT")).execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(0);
        alice.document(query).variable("filter", null).execute()
                .path("incidents.totalCount").entity(Integer.class).isEqualTo(25);
        alice.document(query).variable("filter", Map.of("severities", List.of("SEV9"))).execute()
                .errors().expect(error -> error.getMessage().contains("SEV9")).verify();
    }

    @Test
    void pageSizeIsBoundedAndCursorsMustBeReal() {
        GraphQlTester alice = as("alice");
        alice.document("{ incidents(first: 101) { totalCount } }").execute()
                .errors().expect(error -> error.getMessage().contains("'first' must be between 1 and 100"))
                .verify();
        // An empty page would say "more follow" with no cursor to follow them: refused.
        alice.document("{ incidents(first: 0) { totalCount } }").execute()
                .errors().expect(error -> error.getMessage().contains("'first' must be between 1 and 100"))
                .verify();
        alice.document("{ incidents(after: \"bogus\") { totalCount } }").execute()
                .errors().expect(error -> error.getMessage().contains("not a cursor"))
                .verify();
        alice.document("query($id: ID!) { incident(id: $id) { timeline(first: -1) { edges { cursor } } } }")
                .variable("id", declared.get(0)).execute()
                .errors().expect(error -> error.getMessage().contains("'first' must be between 1 and 100"))
                .verify();
    }
}
