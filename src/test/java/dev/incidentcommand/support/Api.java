package dev.incidentcommand.support;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.test.tester.GraphQlTester;

/** Small helpers for the steps many tests share. */
public final class Api {

    private Api() {
    }

    /** Declares an incident and returns its key. */
    public static String declare(GraphQlTester tester, String title, String severity) {
        return tester.documentName("declareIncident")
                .variable("input", Map.of("title", title, "severity", severity))
                .execute()
                .path("declareIncident.userErrors").entityList(Object.class).hasSize(0)
                .path("declareIncident.incident.key").entity(String.class).get();
    }

    /** Declares an incident under a commander and returns its key. */
    public static String declareCommandedBy(GraphQlTester tester, String title, String severity, String commander) {
        return tester.documentName("declareIncident")
                .variable("input", Map.of("title", title, "severity", severity, "commander", commander))
                .execute()
                .path("declareIncident.userErrors").entityList(Object.class).hasSize(0)
                .path("declareIncident.incident.key").entity(String.class).get();
    }

    /** Gives a task and returns its id. */
    public static String createTask(GraphQlTester tester, String incident, String kind, String title, String assignee) {
        return mutate(tester, "createTask", Map.of("incidentId", incident, "kind", kind, "title", title, "assignee", assignee),
                "task { id }").path("createTask.task.id").entity(String.class).get();
    }

    /** Runs a mutation with one input and returns its payload's user error codes. */
    public static List<String> errorCodes(GraphQlTester tester, String mutation, Map<String, Object> input) {
        return tester.document("mutation($input: " + inputType(mutation) + "!) { " + mutation
                        + "(input: $input) { userErrors { code } } }")
                .variable("input", input)
                .execute()
                .path(mutation + ".userErrors[*].code").entityList(String.class).get();
    }

    /** Runs a mutation that must succeed and returns the requested part of its payload. */
    public static GraphQlTester.Response mutate(GraphQlTester tester, String mutation, Map<String, Object> input, String selection) {
        GraphQlTester.Response response = tester.document("mutation($input: " + inputType(mutation) + "!) { " + mutation
                        + "(input: $input) { " + selection + " userErrors { code message } } }")
                .variable("input", input)
                .execute();
        response.path(mutation + ".userErrors").entityList(Object.class).hasSize(0);
        return response;
    }

    private static String inputType(String mutation) {
        return Character.toUpperCase(mutation.charAt(0)) + mutation.substring(1) + "Input";
    }

    /** The kinds of an incident's timeline events, in sequence order. */
    public static List<String> timelineKinds(GraphQlTester tester, String incident) {
        return tester.documentName("timeline").variable("id", incident).variable("first", 100).execute()
                .path("incident.timeline.edges[*].node.kind").entityList(String.class).get();
    }
}
