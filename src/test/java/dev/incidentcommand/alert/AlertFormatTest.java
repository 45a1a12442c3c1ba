package dev.incidentcommand.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.alert.AlertFormat.Parsed;
import dev.incidentcommand.incident.AlertSignal;
import dev.incidentcommand.incident.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Each sender's own webhook, as it really arrives, becomes the signals a responder would expect. */
class AlertFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AlertProperties DEFAULTS = AlertProperties.defaults();

    private static JsonNode sample(String name) {
        try (InputStream in = AlertFormatTest.class.getResourceAsStream("/webhooks/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static Parsed parse(AlertFormat format, String sample) {
        return format.parse(sample(sample), DEFAULTS);
    }

    /** The sentence a sender would be shown for a body. */
    private static String refusal(AlertFormat format, String body) {
        try {
            format.parse(json(body), DEFAULTS);
        } catch (BadPayload refused) {
            assertThat(refused.getMessage()).endsWith(".").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(refused.getStackTrace()).isEmpty();
            return refused.getMessage();
        }
        throw new AssertionError("The body was accepted: " + body);
    }

    @Test
    void eachFormatIsFoundByItsPathSegment() {
        assertThat(AlertFormat.byPath("alertmanager")).contains(AlertFormat.ALERTMANAGER);
        assertThat(AlertFormat.byPath("grafana")).contains(AlertFormat.GRAFANA);
        assertThat(AlertFormat.byPath("pagerduty")).contains(AlertFormat.PAGERDUTY);
        assertThat(AlertFormat.byPath("opsgenie")).contains(AlertFormat.OPSGENIE);
        assertThat(AlertFormat.byPath("generic")).contains(AlertFormat.GENERIC);
        assertThat(AlertFormat.byPath("PagerDuty")).contains(AlertFormat.PAGERDUTY);
        assertThat(AlertFormat.byPath("nagios")).isEmpty();
        assertThat(AlertFormat.byPath("")).isEmpty();
        assertThat(AlertFormat.byPath(null)).isEmpty();
        for (AlertFormat format : AlertFormat.values()) {
            assertThat(AlertFormat.byPath(format.path())).contains(format);
        }
    }

    @Nested
    class Alertmanager {

        @Test
        void aFiringGroupGivesOneSignalPerAlert() {
            Parsed parsed = parse(AlertFormat.ALERTMANAGER, "alertmanager-firing.json");

            assertThat(parsed.deliveryId()).isNull();
            assertThat(parsed.ignored()).isZero();
            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef, AlertSignal::title,
                    AlertSignal::severity).containsExactly(
                    tuple(true, "7c4f9a1e2b3d5f60", "Checkout p99 latency above 2s", Severity.SEV1),
                    tuple(true, "e01b77c3d94a2f18", "CheckoutPodRestarting (job=checkout, instance=checkout-2:8080)",
                            Severity.SEV3));
            AlertSignal latency = parsed.signals().get(0);
            assertThat(latency.link()).startsWith("https://prometheus.example.com/graph?g0.expr=");
            assertThat(latency.description()).isEqualTo(
                    "The 99th percentile of checkout requests has stayed above 2 seconds for 10 minutes.");
        }

        @Test
        void theResolvedGroupResolvesTheSameAlerts() {
            Parsed parsed = parse(AlertFormat.ALERTMANAGER, "alertmanager-resolved.json");

            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef).containsExactly(
                    tuple(false, "7c4f9a1e2b3d5f60"), tuple(false, "e01b77c3d94a2f18"));
        }

        @Test
        void anAlertWithoutSummaryOrNameIsTitledByItsFingerprint() {
            Parsed parsed = AlertFormat.ALERTMANAGER.parse(json("""
                    {"version": "4", "alerts": [{"status": "firing", "fingerprint": "0a1b2c3d4e5f6071",
                      "labels": {}, "annotations": {"summary": "   "}}]}"""), DEFAULTS);

            assertThat(parsed.signals()).singleElement().extracting(AlertSignal::title).isEqualTo("0a1b2c3d4e5f6071");
        }

        @Test
        void theSeverityComesFromTheConfiguredLabel() {
            AlertProperties settings = new AlertProperties(null, Severity.SEV4, "priority");
            Parsed parsed = AlertFormat.ALERTMANAGER.parse(json("""
                    {"version": "4", "alerts": [
                      {"status": "firing", "fingerprint": "1111111111111111", "labels": {"priority": "P2", "severity": "critical"}},
                      {"status": "firing", "fingerprint": "2222222222222222", "labels": {"severity": "critical"}}]}"""), settings);

            assertThat(parsed.signals()).extracting(AlertSignal::severity).containsExactly(Severity.SEV2, Severity.SEV4);
        }

        @Test
        void anEmptyGroupGivesNoSignals() {
            Parsed parsed = AlertFormat.ALERTMANAGER.parse(json("{\"version\": \"4\", \"alerts\": []}"), DEFAULTS);

            assertThat(parsed.signals()).isEmpty();
            assertThat(parsed.ignored()).isZero();
        }

        @Test
        void anotherVersionIsRefused() {
            assertThat(refusal(AlertFormat.ALERTMANAGER, "{\"version\": \"3\", \"alerts\": []}")).isEqualTo(
                    "Only version 4 of the Alertmanager webhook is understood, but this one says version '3'.");
        }

        @Test
        void aBodyWithoutAlertsIsRefused() {
            assertThat(refusal(AlertFormat.ALERTMANAGER, "{\"version\": \"4\", \"status\": \"firing\"}"))
                    .isEqualTo("An Alertmanager webhook needs an 'alerts' array.");
            assertThat(refusal(AlertFormat.ALERTMANAGER, "{\"version\": \"4\", \"alerts\": {}}"))
                    .isEqualTo("An Alertmanager webhook needs an 'alerts' array.");
        }

        @Test
        void anAlertWithoutFingerprintIsNamedByItsPosition() {
            assertThat(refusal(AlertFormat.ALERTMANAGER, """
                    {"version": "4", "alerts": [
                      {"status": "firing", "fingerprint": "1111111111111111"},
                      {"status": "firing", "labels": {"alertname": "DiskFull"}}]}"""))
                    .isEqualTo("Alert 2 has no 'fingerprint'.");
        }

        @Test
        void anAlertWithAnUnknownStatusOrNoneIsRefused() {
            assertThat(refusal(AlertFormat.ALERTMANAGER, """
                    {"alerts": [{"status": "pending", "fingerprint": "1111111111111111"}]}"""))
                    .isEqualTo("Alert 1 has status 'pending'; it must be 'firing' or 'resolved'.");
            assertThat(refusal(AlertFormat.ALERTMANAGER, """
                    {"alerts": [{"fingerprint": "1111111111111111"}]}"""))
                    .isEqualTo("Alert 1 has no 'status'.");
        }

        @Test
        void anEntryThatIsNotAnObjectIsRefused() {
            assertThat(refusal(AlertFormat.ALERTMANAGER, "{\"alerts\": [\"DiskFull\"]}"))
                    .isEqualTo("Alert 1 is not a JSON object.");
        }
    }

    @Nested
    class Grafana {

        @Test
        void firingAlertsLinkToThePanelWhenThereIsOne() {
            Parsed parsed = parse(AlertFormat.GRAFANA, "grafana-firing.json");

            assertThat(parsed.deliveryId()).isNull();
            assertThat(parsed.ignored()).isZero();
            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef, AlertSignal::title,
                    AlertSignal::severity, AlertSignal::link).containsExactly(
                    tuple(true, "a93c0d5e7f12b846", "order-events backlog above 50k messages", Severity.SEV3,
                            "https://grafana.example.com/d/orders-queues?orgId=1&viewPanel=4"),
                    tuple(true, "5d2e8b0f13c7a694", "TLS certificate for api.example.com expires in 5 days",
                            Severity.SEV2, "https://grafana.example.com/alerting/grafana/c41f8e09/view?orgId=1"));
            assertThat(parsed.signals().get(0).description()).startsWith("Consumers of order-events are falling behind");
            assertThat(parsed.signals().get(1).description()).isNull();
        }

        @Test
        void theDashboardIsTheLinkWhenThereIsNoPanel() {
            Parsed parsed = AlertFormat.GRAFANA.parse(json("""
                    {"version": "1", "alerts": [{"status": "firing", "fingerprint": "3333333333333333",
                      "panelURL": "", "dashboardURL": "https://grafana.example.com/d/edge",
                      "generatorURL": "https://grafana.example.com/alerting/grafana/x/view"}]}"""), DEFAULTS);

            assertThat(parsed.signals()).singleElement().extracting(AlertSignal::link)
                    .isEqualTo("https://grafana.example.com/d/edge");
        }

        @Test
        void theResolvedNotificationResolvesTheAlert() {
            Parsed parsed = parse(AlertFormat.GRAFANA, "grafana-resolved.json");

            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef)
                    .containsExactly(tuple(false, "a93c0d5e7f12b846"));
        }

        @Test
        void aBodyWithoutAlertsIsRefusedInGrafanasName() {
            assertThat(refusal(AlertFormat.GRAFANA, "{\"version\": \"1\", \"title\": \"[FIRING:1]\"}"))
                    .isEqualTo("A Grafana webhook needs an 'alerts' array.");
        }
    }

    @Nested
    class PagerDuty {

        @Test
        void aTriggeredIncidentFiresWithItsPriority() {
            Parsed parsed = parse(AlertFormat.PAGERDUTY, "pagerduty-triggered.json");

            assertThat(parsed.deliveryId()).isEqualTo("01HPZ3K7V2QX8D4M6N1R5T9W0B");
            assertThat(parsed.ignored()).isZero();
            assertThat(parsed.signals()).singleElement().isEqualTo(new AlertSignal(true, "Q1R7DLCB2K9TNP",
                    "Payment gateway returning 503 for card authorisations", Severity.SEV1,
                    "https://acme-shop.pagerduty.com/incidents/Q1R7DLCB2K9TNP",
                    "PagerDuty incident #4172 on Payment Gateway"));
        }

        @Test
        void aResolvedIncidentWithoutPriorityFallsBackToItsUrgency() {
            Parsed parsed = parse(AlertFormat.PAGERDUTY, "pagerduty-resolved.json");

            assertThat(parsed.deliveryId()).isEqualTo("01HPZ4D8R6W3N5B0T2Y7M9QX1C");
            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef, AlertSignal::severity)
                    .containsExactly(tuple(false, "Q1R7DLCB2K9TNP", Severity.SEV2));
        }

        @Test
        void anAcknowledgementIsUnderstoodButIgnored() {
            Parsed parsed = parse(AlertFormat.PAGERDUTY, "pagerduty-acknowledged.json");

            assertThat(parsed.deliveryId()).isEqualTo("01HPZ3PB4JX1E7S0C9F2G6K8YA");
            assertThat(parsed.signals()).isEmpty();
            assertThat(parsed.ignored()).isEqualTo(1);
        }

        @Test
        void aReopenedIncidentFiresAgainAndLowUrgencyIsSev4() {
            Parsed parsed = AlertFormat.PAGERDUTY.parse(json("""
                    {"event": {"id": "01HPZ5A0000000000000000000", "event_type": "incident.reopened",
                      "data": {"id": "Q0ABCDEF123456", "title": "Search slow", "priority": null, "urgency": "low"}}}"""),
                    DEFAULTS);

            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::severity, AlertSignal::link,
                    AlertSignal::description).containsExactly(tuple(true, Severity.SEV4, null, "PagerDuty incident"));
        }

        @Test
        void aBodyWithoutEventIsRefused() {
            assertThat(refusal(AlertFormat.PAGERDUTY, "{\"messages\": []}"))
                    .isEqualTo("A PagerDuty webhook needs an 'event' object; only v3 webhooks are understood.");
        }

        @Test
        void aTriggerWithoutIncidentIdIsRefused() {
            assertThat(refusal(AlertFormat.PAGERDUTY, """
                    {"event": {"event_type": "incident.triggered", "data": {"title": "Search slow"}}}"""))
                    .isEqualTo("The PagerDuty incident has no 'id'.");
            assertThat(refusal(AlertFormat.PAGERDUTY, """
                    {"event": {"event_type": "incident.triggered"}}"""))
                    .isEqualTo("The PagerDuty event 'incident.triggered' needs a 'data' object describing the incident.");
        }
    }

    @Nested
    class Opsgenie {

        @Test
        void creatingAnAlertFiresItUnderItsAlias() {
            Parsed parsed = parse(AlertFormat.OPSGENIE, "opsgenie-create.json");

            assertThat(parsed.deliveryId()).isNull();
            assertThat(parsed.ignored()).isZero();
            assertThat(parsed.signals()).singleElement().isEqualTo(new AlertSignal(true, "disk-usage-db-replica-3",
                    "Disk usage above 90% on db-replica-3", Severity.SEV2, null,
                    "/var/lib/postgresql is 91% full and has grown 4% in the last hour."));
        }

        @Test
        void closingTheAlertResolvesIt() {
            Parsed parsed = parse(AlertFormat.OPSGENIE, "opsgenie-close.json");

            assertThat(parsed.signals()).extracting(AlertSignal::firing, AlertSignal::externalRef)
                    .containsExactly(tuple(false, "disk-usage-db-replica-3"));
        }

        @Test
        void withoutAliasTheAlertIdIsTheKey() {
            Parsed parsed = AlertFormat.OPSGENIE.parse(json("""
                    {"action": "Create", "alert": {"alertId": "9e8d7c6b-1111-2222-3333-444455556666", "alias": " ",
                      "message": "Login errors", "priority": "P4"}}"""), DEFAULTS);

            assertThat(parsed.signals()).extracting(AlertSignal::externalRef, AlertSignal::severity)
                    .containsExactly(tuple("9e8d7c6b-1111-2222-3333-444455556666", Severity.SEV4));
        }

        @Test
        void otherActionsAreIgnored() {
            Parsed parsed = AlertFormat.OPSGENIE.parse(json("""
                    {"action": "Acknowledge", "alert": {"alertId": "9e8d7c6b", "message": "Login errors"}}"""), DEFAULTS);

            assertThat(parsed.signals()).isEmpty();
            assertThat(parsed.ignored()).isEqualTo(1);
        }

        @Test
        void anAlertWithoutAnyKeyIsRefused() {
            assertThat(refusal(AlertFormat.OPSGENIE, "{\"action\": \"Create\", \"alert\": {\"message\": \"Login errors\"}}"))
                    .isEqualTo("The Opsgenie alert has neither an 'alias' nor an 'alertId'.");
            assertThat(refusal(AlertFormat.OPSGENIE, "{\"alert\": {\"alertId\": \"9e8d7c6b\"}}"))
                    .isEqualTo("The Opsgenie webhook has no 'action'.");
        }
    }

    @Nested
    class Generic {

        @Test
        void firingAlertsTakeOurSeveritiesOrMappedWords() {
            Parsed parsed = parse(AlertFormat.GENERIC, "generic-firing.json");

            assertThat(parsed.deliveryId()).isEqualTo("nightly-check-2025-03-14T02:00:00Z");
            assertThat(parsed.ignored()).isZero();
            assertThat(parsed.signals()).containsExactly(
                    new AlertSignal(true, "backup-verify/orders-db", "Nightly restore test of orders-db failed",
                            Severity.SEV2, "https://ci.example.com/jobs/backup-verify/8841",
                            "The restored copy is missing 312 rows written in the last hour before the snapshot."),
                    new AlertSignal(true, "backup-verify/search-index", "Search index snapshot is 3 days old",
                            Severity.SEV3, "https://ci.example.com/jobs/backup-verify/8842", null));
        }

        @Test
        void aResolutionNeedsOnlyItsKey() {
            Parsed parsed = parse(AlertFormat.GENERIC, "generic-resolved.json");

            assertThat(parsed.deliveryId()).isEqualTo("nightly-check-2025-03-15T02:00:00Z");
            assertThat(parsed.signals()).containsExactly(
                    new AlertSignal(false, "backup-verify/orders-db", null, Severity.SEV3, null, null));
        }

        @Test
        void textsAreTrimmedAndLinksThatAreNotWebLinksAreDropped() {
            Parsed parsed = AlertFormat.GENERIC.parse(json("""
                    {"alerts": [{"status": "firing", "key": "  k-1  ", "title": "  Queue stuck ", "severity": "sev1",
                      "url": "javascript:alert(1)", "description": "   "},
                      {"status": "firing", "key": "k-2", "title": "Queue stuck", "url": "ftp://files.example.com/x"}]}"""),
                    DEFAULTS);

            assertThat(parsed.deliveryId()).isNull();
            assertThat(parsed.signals()).extracting(AlertSignal::externalRef, AlertSignal::title, AlertSignal::severity,
                    AlertSignal::link, AlertSignal::description).containsExactly(
                    tuple("k-1", "Queue stuck", Severity.SEV1, null, null),
                    tuple("k-2", "Queue stuck", Severity.SEV3, null, null));
        }

        @Test
        void longTitlesAndDescriptionsAreShortened() {
            String title = "t".repeat(250);
            String description = "d".repeat(2_500);
            AlertSignal signal = AlertFormat.GENERIC.parse(json("{\"alerts\": [{\"status\": \"firing\", \"key\": \"k\", "
                    + "\"title\": \"" + title + "\", \"description\": \"" + description + "\"}]}"), DEFAULTS).signals().get(0);

            assertThat(signal.title()).hasSize(200).startsWith("ttt").endsWith("t…");
            assertThat(signal.description()).hasSize(2_000).endsWith("d…");
        }

        @Test
        void anOverlongKeyIsRefused() {
            assertThat(refusal(AlertFormat.GENERIC, "{\"alerts\": [{\"status\": \"resolved\", \"key\": \""
                    + "k".repeat(201) + "\"}]}"))
                    .isEqualTo("The 'key' of alert 1 is 201 characters long; at most 200 are allowed.");
            assertThat(refusal(AlertFormat.ALERTMANAGER, "{\"alerts\": [{\"status\": \"resolved\", \"fingerprint\": \""
                    + "f".repeat(300) + "\"}]}"))
                    .isEqualTo("The 'fingerprint' of alert 1 is 300 characters long; at most 200 are allowed.");
            assertThat(refusal(AlertFormat.PAGERDUTY, "{\"event\": {\"id\": \"" + "e".repeat(201)
                    + "\", \"event_type\": \"incident.acknowledged\"}}"))
                    .isEqualTo("The 'id' of the PagerDuty event is 201 characters long; at most 200 are allowed.");
        }

        @Test
        void missingFieldsAreNamedWithTheAlertsPosition() {
            assertThat(refusal(AlertFormat.GENERIC, """
                    {"alerts": [{"status": "resolved", "key": "a"}, {"status": "firing", "title": "Queue stuck"}]}"""))
                    .isEqualTo("Alert 2 has no 'key'.");
            assertThat(refusal(AlertFormat.GENERIC, """
                    {"alerts": [{"status": "firing", "key": "a", "title": " "}]}"""))
                    .isEqualTo("Alert 1 is firing but has no 'title'.");
            assertThat(refusal(AlertFormat.GENERIC, """
                    {"alerts": [{"status": "firing", "key": {"id": 1}, "title": "Queue stuck"}]}"""))
                    .isEqualTo("Alert 1 has a 'key' that is not text.");
            assertThat(refusal(AlertFormat.GENERIC, "{\"deliveryId\": \"d-1\"}"))
                    .isEqualTo("A generic webhook needs an 'alerts' array.");
        }
    }

    @Nested
    class Severities {

        @Test
        void theDefaultWordsMapAsDocumented() {
            Map<String, Severity> expected = Map.ofEntries(
                    Map.entry("critical", Severity.SEV1), Map.entry("p1", Severity.SEV1),
                    Map.entry("high", Severity.SEV2), Map.entry("error", Severity.SEV2), Map.entry("p2", Severity.SEV2),
                    Map.entry("warning", Severity.SEV3), Map.entry("medium", Severity.SEV3), Map.entry("p3", Severity.SEV3),
                    Map.entry("low", Severity.SEV4), Map.entry("p4", Severity.SEV4),
                    Map.entry("info", Severity.SEV5), Map.entry("p5", Severity.SEV5));

            expected.forEach((word, severity) -> assertThat(DEFAULTS.severityOf(word)).as(word).isEqualTo(severity));
            assertThat(DEFAULTS.severityOf("CRITICAL")).isEqualTo(Severity.SEV1);
            assertThat(DEFAULTS.severityOf(" P2 ")).isEqualTo(Severity.SEV2);
        }

        @Test
        void missingOrUnknownWordsGetTheDefault() {
            assertThat(DEFAULTS.defaultSeverity()).isEqualTo(Severity.SEV3);
            assertThat(DEFAULTS.severityLabel()).isEqualTo("severity");
            for (String word : new String[] {null, "", "  ", "disaster"}) {
                assertThat(DEFAULTS.severityOf(word)).as(String.valueOf(word)).isEqualTo(Severity.SEV3);
            }
            assertThat(new AlertProperties(null, Severity.SEV5, null).severityOf("disaster")).isEqualTo(Severity.SEV5);
        }

        @Test
        void theConfiguredMappingIsLaidOverTheDefaults() {
            AlertProperties settings = new AlertProperties(
                    Map.of("Warning", Severity.SEV4, "page", Severity.SEV1), Severity.SEV3, "severity");

            assertThat(settings.severityOf("warning")).isEqualTo(Severity.SEV4);
            assertThat(settings.severityOf("PAGE")).isEqualTo(Severity.SEV1);
            assertThat(settings.severityOf("critical")).isEqualTo(Severity.SEV1);
            assertThat(settings.severityOf("info")).isEqualTo(Severity.SEV5);
        }

        @Test
        void theMappingReachesEverySender() {
            AlertProperties settings = new AlertProperties(Map.of("critical", Severity.SEV2, "P2", Severity.SEV3),
                    Severity.SEV3, "severity");

            assertThat(AlertFormat.ALERTMANAGER.parse(sample("alertmanager-firing.json"), settings).signals())
                    .extracting(AlertSignal::severity).containsExactly(Severity.SEV2, Severity.SEV3);
            assertThat(AlertFormat.OPSGENIE.parse(sample("opsgenie-create.json"), settings).signals())
                    .extracting(AlertSignal::severity).containsExactly(Severity.SEV3);
        }
    }

    @Nested
    class Bodies {

        @Test
        void aBodyThatIsNotAnObjectIsRefusedByEveryFormat() {
            for (AlertFormat format : AlertFormat.values()) {
                assertThat(refusal(format, "[]")).isEqualTo("The webhook body must be a JSON object, not an array.");
                assertThat(refusal(format, "\"firing\"")).isEqualTo("The webhook body must be a JSON object, not a string.");
                assertThat(refusal(format, "null")).isEqualTo("The webhook body must be a JSON object, not null.");
            }
        }

        @Test
        void unknownFieldsAreIgnored() {
            Parsed parsed = AlertFormat.GENERIC.parse(json("""
                    {"alerts": [{"status": "resolved", "key": "k", "runbook": {"steps": [1, 2]}}], "sender": "cron"}"""),
                    DEFAULTS);

            assertThat(parsed.signals()).extracting(AlertSignal::externalRef).isEqualTo(List.of("k"));
        }
    }
}
