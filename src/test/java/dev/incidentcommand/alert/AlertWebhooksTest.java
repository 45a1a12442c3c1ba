package dev.incidentcommand.alert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static dev.incidentcommand.support.Api.mutate;
import static dev.incidentcommand.support.Api.timelineKinds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerting systems reach the server with their own webhooks, over real HTTP, with their sample
 * payloads in each vendor's documented shape. Alert keys are made unique per test run.
 */
class AlertWebhooksTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> ANSWER = new ParameterizedTypeReference<>() {
    };

    /**
     * One sender's samples: the keys its firing sample carries (in the order the server sorts them),
     * the severity it maps the first to, and the sender's delivery ids, made unique like the keys.
     */
    record Sender(String path, String firing, String resolved, List<String> keys, String severity, List<String> deliveryIds) {

        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Sender> senders() {
        return Stream.of(
                new Sender("alertmanager", "alertmanager-firing.json", "alertmanager-resolved.json",
                        List.of("7c4f9a1e2b3d5f60", "e01b77c3d94a2f18"), "SEV1", List.of()),
                new Sender("grafana", "grafana-firing.json", "grafana-resolved.json",
                        List.of("5d2e8b0f13c7a694", "a93c0d5e7f12b846"), null, List.of()),
                new Sender("pagerduty", "pagerduty-triggered.json", "pagerduty-resolved.json",
                        List.of("Q1R7DLCB2K9TNP"), null, List.of("01HPZ3K7V2QX8D4M6N1R5T9W0B", "01HPZ4D8R6W3N5B0T2Y7M9QX1C")),
                new Sender("opsgenie", "opsgenie-create.json", "opsgenie-close.json",
                        List.of("disk-usage-db-replica-3"), null, List.of()),
                new Sender("generic", "generic-firing.json", "generic-resolved.json",
                        List.of("backup-verify/orders-db", "backup-verify/search-index"), "SEV2",
                        List.of("nightly-check-2025-03-14T02:00:00Z")));
    }

    /** A sample with every key and delivery id given this run's suffix. */
    private static String sample(String file, Sender sender, String suffix) {
        try (InputStream in = AlertWebhooksTest.class.getResourceAsStream("/webhooks/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String key : sender.keys()) {
                text = text.replace("\"" + key + "\"", "\"" + key + suffix + "\"");
            }
            for (String id : sender.deliveryIds()) {
                text = text.replace("\"" + id + "\"", "\"" + id + suffix + "\"");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same alerts notified again, in a later delivery: a new delivery id, or (without ids) other bytes. */
    private static String laterDelivery(String firing, Sender sender, String suffix) {
        if (sender.deliveryIds().isEmpty()) {
            return firing + "\n";
        }
        String later = firing;
        for (String id : sender.deliveryIds()) {
            later = later.replace("\"" + id + suffix + "\"", "\"" + id + suffix + "-later\"");
        }
        return later;
    }

    private EntityExchangeResult<Map<String, Object>> post(String path, String token, String body) {
        return http().post().uri("/webhooks/" + path).contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + token).bodyValue(body)
                .exchange().expectBody(ANSWER).returnResult();
    }

    private Map<String, Object> accepted(String path, String body) {
        EntityExchangeResult<Map<String, Object>> result = post(path, Tokens.jwt(path + "-bot", "INTEGRATION"), body);
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(200);
        return result.getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("alerts");
    }

    private static List<String> outcomes(Map<String, Object> answer) {
        return alerts(answer).stream().map(alert -> (String) alert.get("outcome")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void aFiringAlertDeclaresAnIncidentAndARepeatIsNotedOnIt(Sender sender) {
        String suffix = "-" + System.nanoTime();
        String firing = sample(sender.firing(), sender, suffix);
        Map<String, Object> declared = accepted(sender.path(), firing);
        assertThat(outcomes(declared)).containsOnly("DECLARED").hasSize(sender.keys().size());
        String key = (String) alerts(declared).get(0).get("incident");

        GraphQlTester viewer = as("wall", "VIEWER");
        viewer.document("query($id: ID!) { incident(id: $id) { source externalRef severity status alertUrl declaredBy { handle } } }")
                .variable("id", key).execute()
                .path("incident.source").entity(String.class).isEqualTo("ALERT")
                .path("incident.externalRef").entity(String.class).isEqualTo(sender.keys().get(0) + suffix)
                .path("incident.declaredBy.handle").entity(String.class).isEqualTo(sender.path() + "-bot")
                .path("incident.status").entity(String.class).isEqualTo("DECLARED");
        if (sender.severity() != null) {
            viewer.document("query($id: ID!) { incident(id: $id) { severity } }").variable("id", key).execute()
                    .path("incident.severity").entity(String.class).isEqualTo(sender.severity());
        }

        // The sender notifies again about the same alerts (a later delivery): a repeat, no new incident.
        Map<String, Object> repeated = accepted(sender.path(), laterDelivery(firing, sender, suffix));
        assertThat(outcomes(repeated)).containsOnly("REPEATED");
        assertThat(alerts(repeated).get(0).get("incident")).isEqualTo(key);
        assertThat(timelineKinds(viewer, key)).containsExactly("INCIDENT_DECLARED", "ALERT_REPEATED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void aDeliverySentAgainChangesNothing(Sender sender) {
        String suffix = "-" + System.nanoTime();
        String firing = sample(sender.firing(), sender, suffix);
        Map<String, Object> first = accepted(sender.path(), firing);
        Map<String, Object> retried = accepted(sender.path(), firing);
        assertThat(retried.get("replayed")).isEqualTo(true);
        assertThat(retried.get("alerts")).isEqualTo(first.get("alerts"));
        assertThat(timelineKinds(as("wall", "VIEWER"), (String) alerts(first).get(0).get("incident")))
                .containsExactly("INCIDENT_DECLARED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void aResolvedAlertIsNotedAndLeavesTheIncidentToPeople(Sender sender) {
        String suffix = "-" + System.nanoTime();
        accepted(sender.path(), sample(sender.firing(), sender, suffix));
        Map<String, Object> resolved = accepted(sender.path(), sample(sender.resolved(), sender, suffix));
        assertThat(outcomes(resolved)).contains("RESOLVED_NOTED");
        String key = alerts(resolved).stream().filter(alert -> "RESOLVED_NOTED".equals(alert.get("outcome")))
                .map(alert -> (String) alert.get("incident")).findFirst().orElseThrow();
        GraphQlTester viewer = as("wall", "VIEWER");
        viewer.document("query($id: ID!) { incident(id: $id) { status } }").variable("id", key).execute()
                .path("incident.status").entity(String.class).isEqualTo("DECLARED");
        assertThat(timelineKinds(viewer, key)).containsExactly("INCIDENT_DECLARED", "ALERT_RESOLVED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void anAlertFiringAgainWhileMonitoringReopensTheIncident(Sender sender) {
        String suffix = "-" + System.nanoTime();
        String firing = sample(sender.firing(), sender, suffix);
        String key = (String) alerts(accepted(sender.path(), firing)).get(0).get("incident");
        mutate(as("alice"), "changeStatus", Map.of("incidentId", key, "status", "MONITORING"), "incident { status }");

        Map<String, Object> recurred = accepted(sender.path(), laterDelivery(firing, sender, suffix));
        assertThat(alerts(recurred).get(0).get("outcome")).isEqualTo("REOPENED");
        as("alice").document("query($id: ID!) { incident(id: $id) { status } }").variable("id", key).execute()
                .path("incident.status").entity(String.class).isEqualTo("INVESTIGATING");
        assertThat(timelineKinds(as("alice"), key)).contains("ALERT_REPEATED", "INCIDENT_REOPENED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void aMalformedPayloadIsRefusedWithASentenceAndChangesNothing(Sender sender) {
        String token = Tokens.jwt(sender.path() + "-bot", "INTEGRATION");
        for (String bad : List.of("", "not json", "[1, 2]", "{\"alerts\": [{}], \"event\": {}, \"alert\": {}, \"action\": \"Create\"}")) {
            EntityExchangeResult<Map<String, Object>> result = post(sender.path(), token, bad);
            assertThat(result.getStatus().value()).as("%s gave %s", bad, result.getResponseBody()).isEqualTo(400);
            String error = (String) result.getResponseBody().get("error");
            assertThat(error).as(bad).endsWith(".").doesNotContain("Exception").doesNotContain("tools.jackson");
            assertThat(Character.isUpperCase(error.charAt(0))).as(error).isTrue();
        }
    }

    @Test
    void aGroupIsAppliedWholeOrNotAtAll() {
        String suffix = "-" + System.nanoTime();
        String group = "{\"alerts\": [{\"status\": \"firing\", \"key\": \"disk" + suffix + "\", \"title\": \"Disk full\"},"
                + " {\"status\": \"firing\", \"key\": \"" + "x".repeat(201) + "\", \"title\": \"Bad key\"}]}";
        EntityExchangeResult<Map<String, Object>> refused = post("generic", Tokens.jwt("generic-bot", "INTEGRATION"), group);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        as("wall", "VIEWER").document("query($ref: String!) { incidents(filter: {externalRef: $ref}) { totalCount } }")
                .variable("ref", "disk" + suffix).execute().path("incidents.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void concurrentRetriesOfOneDeliveryDeclareOneIncident() {
        Sender alertmanager = senders().findFirst().orElseThrow();
        String suffix = "-" + System.nanoTime();
        String firing = sample(alertmanager.firing(), alertmanager, suffix);
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Integer> statuses = Flux.range(0, 8)
                .flatMap(i -> client.post().uri("/webhooks/alertmanager").contentType(MediaType.APPLICATION_JSON)
                        .header("Authorization", "Bearer " + Tokens.jwt("alertmanager-bot", "INTEGRATION")).bodyValue(firing)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 8)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).containsOnly(200);
        String ref = alertmanager.keys().get(0) + suffix;
        as("wall", "VIEWER").document("query($ref: String!) { incidents(filter: {externalRef: $ref}) { totalCount } }")
                .variable("ref", ref).execute().path("incidents.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void onlyCredentialsThatMayDeclareReachTheWebhooks() {
        String body = "{\"alerts\": []}";
        assertThat(http().post().uri("/webhooks/generic").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().returnResult(String.class).getStatus().value()).isEqualTo(401);
        EntityExchangeResult<Map<String, Object>> viewer = post("generic", Tokens.jwt("wall", "VIEWER"), body);
        assertThat(viewer.getStatus().value()).isEqualTo(403);
        assertThat(viewer.getResponseBody().toString()).contains("VIEWER");
        assertThat(post("generic", Tokens.jwt("alice", "RESPONDER"), body).getStatus().value()).isEqualTo(200);
        EntityExchangeResult<Map<String, Object>> unknown = post("nagios", Tokens.jwt("nagios-bot", "INTEGRATION"), body);
        assertThat(unknown.getStatus().value()).isEqualTo(404);
        assertThat((String) unknown.getResponseBody().get("error")).contains("alertmanager, grafana, pagerduty, opsgenie or generic");
    }
}
