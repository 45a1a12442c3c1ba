package dev.incidentcommand.board;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.incidentcommand.support.Chromium;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The live board in a real headless Chromium, against the real server and PostgreSQL: what a
 * person watching the wall screen sees as incidents are run, and when the server goes away.
 */
@TestPropertySource(properties = {
        "spring.application.name=incident-command-board-test",
        // Short rule timings, so stalls and missed check-ins show up while the test watches.
        "incident-command.discipline.stall-grace=3s",
        "incident-command.discipline.check-in.SEV4=4s",
        "incident-command.discipline.sweep-interval=500ms"})
class BoardBrowserTest extends IntegrationTest {

    /** How soon a change must be on the screen. */
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final By CONNECTION = By.id("connection");
    private static final By TIMELINE = By.id("timeline");
    private static final By TASKS = By.cssSelector("#detail-state .task-list");

    @RegisterExtension
    final Chromium chromium = new Chromium("board", 1920, 1080);
    private WebDriver browser;

    @BeforeEach
    void browser() {
        browser = chromium.browser();
    }

    @Test
    void incidentsShowWorstAndOldestFirstWithWorkThatNeedsSomeoneStandingOut() {
        open(port);
        GraphQlTester alertmanager = as("alertmanager");

        String search = declare(alertmanager, "Search results load slowly", "SEV3", null,
                Map.of("summary", "Search takes 8-10 s for large catalogues", "scope", "SUBSET", "affectedUsers", "Catalogues over 50k items"));
        String login = declare(alertmanager, "Mobile app login times out", "SEV2", "carol",
                Map.of("summary", "Login spinner never ends on Android 14", "scope", "SUBSET", "affectedUsers", "Android app users"));
        String checkout = declare(alertmanager, "Checkout fails for EU customers", "SEV1", "alice",
                Map.of("summary", "Card payments return 500 at the last step", "scope", "SUBSET", "affectedUsers", "EU customers"));
        String receipts = declare(alertmanager, "Order confirmation emails delayed", "SEV3", "dave",
                Map.of("summary", "Receipts arrive up to 40 minutes late", "scope", "ALL_USERS"));
        String dashboard = declare(alertmanager, "Finance dashboard misses yesterday's orders", "SEV4", null,
                Map.of("summary", "Internal report only; no customer impact"));

        assertThat(keysOnBoard()).containsSubsequence(checkout, login, search, receipts, dashboard);

        GraphQlTester alice = as("alice");
        changeStatus(alice, checkout, "MITIGATING");
        changeStatus(as("carol"), login, "INVESTIGATING");
        String rollback = createTask(alice, checkout, "MITIGATION", "Roll back checkout release 2026.11.27-3", "bob", null);
        mutate(as("bob"), "startTask", Map.of("taskId", rollback, "dueAt", Instant.now().plusSeconds(15 * 60).toString()),
                "task { id }");
        String providerStatus = "Ask the payment provider about EU card errors";
        createTask(alice, checkout, "INFORMATION_GATHERING", providerStatus, "erin", null);
        String errorRates = "Compare EU and US error rates";
        String compare = createTask(alice, checkout, "INFORMATION_GATHERING", errorRates, "frank",
                Instant.now().plusSeconds(3).toString());
        mutate(as("frank"), "acknowledgeTask", Map.of("taskId", compare), "task { id }");
        createTask(as("carol"), login, "INFORMATION_GATHERING", "Check identity provider latency", "gina", null);

        click(checkout);
        String update = "Rolling back release 2026.11.27-3; next update in 15 minutes.";
        mutate(alice, "postUpdate", Map.of("incidentId", checkout, "audience", "INTERNAL", "body", update), "update { id }");
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, update));

        // The delegation nobody has acknowledged yet is called out, on the row and in the task list.
        within(LIVE).until(textToBePresentInElementLocated(rowLocator(checkout), "1 not acknowledged"));
        assertThat(chromium.text(By.cssSelector("#detail-state .task.needs-ack")))
                .contains(providerStatus).contains("erin").containsIgnoringCase("Not acknowledged");

        // A task still open after its expected time turns overdue without anyone reloading.
        within(Duration.ofSeconds(15)).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .task.is-overdue"), "Overdue"));
        assertThat(chromium.text(By.cssSelector("#detail-state .task.is-overdue"))).contains(errorRates);
        within(LIVE).until(textToBePresentInElementLocated(rowLocator(checkout), "1 overdue"));

        // Nobody is working on the dashboard incident: the server finds it stalled, and its SEV4
        // check-in cadence has passed with no internal update. Checkout has work under way.
        within(Duration.ofSeconds(15)).until(textToBePresentInElementLocated(rowLocator(dashboard), "Stalled"));
        within(Duration.ofSeconds(15)).until(textToBePresentInElementLocated(rowLocator(dashboard), "Check-in overdue"));
        assertThat(chromium.text(rowLocator(checkout))).doesNotContain("Stalled");

        mutate(alice, "addNote", Map.of("incidentId", checkout, "kind", "DASHBOARD", "body", "5xx by region",
                "url", "https://grafana.example.com/d/checkout"), "note { id }");
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, "5xx by region"));
        screenshot("board.png");
    }

    @Test
    void changesAppearWithinTwoSecondsAndTheBoardCatchesUpAfterItsServerRestarts() {
        ConfigurableApplicationContext[] boardServer = {secondInstance()};
        int boardPort = portOf(boardServer[0]);
        try {
            open(boardPort);
            GraphQlTester alice = as("alice");

            String key = declare(alice, "Payments API returns 502 for some merchants", "SEV2", "alice",
                    Map.of("summary", "About 5% of payment requests fail", "scope", "SUBSET", "affectedUsers", "Merchants on the v1 API"));
            click(key);
            String update = "Gateway config rolled back; watching the 502 rate.";
            mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", update), "update { id }");
            within(LIVE).until(textToBePresentInElementLocated(TIMELINE, update));

            // The board's server shuts down; while nothing serves the board, the incident moves on.
            boardServer[0].close();
            within(Duration.ofSeconds(10)).until(textToBePresentInElementLocated(CONNECTION, "Reconnecting"));
            String note = "502 rate back to baseline in eu-west-1";
            mutate(alice, "addNote", Map.of("incidentId", key, "body", note), "note { id }");
            String meanwhile = declareUnseen(alice, "Webhooks to merchants retrying", "SEV1", null, Map.of());
            assertThat(chromium.text(TIMELINE)).doesNotContain(note);
            assertThat(chromium.text(CONNECTION)).contains("Reconnecting");

            // Back on the same address: the board reconnects, resumes the timeline and re-reads the list.
            boardServer[0] = secondInstance("--server.port=" + boardPort);
            within(Duration.ofSeconds(30)).until(textToBePresentInElementLocated(TIMELINE, note));
            within(Duration.ofSeconds(10)).until(textToBePresentInElementLocated(CONNECTION, "Live"));
            assertThat(keysOnBoard()).containsSubsequence(meanwhile, key);
            assertThat(row(key).getAttribute("aria-selected")).isEqualTo("true");

            // Every event once, none missing: the newest first, counting down without a hole. The
            // server's own sweep may append an event (a stall) at any moment, so the top is awaited
            // rather than read once: the board must reach the incident's last event within LIVE.
            within(LIVE).until(shows -> sequencesShown().get(0) == lastSequence(key));
            List<Integer> shown = sequencesShown();
            assertThat(shown).containsExactlyElementsOf(IntStream.iterate(shown.get(0), n -> n >= 1, n -> n - 1).boxed().toList());
            assertThat(browser.findElements(By.xpath("//ol[@id='timeline']/li[contains(., '" + update + "')]"))).hasSize(1);

            // And it is live again.
            String after = "Closing the bridge in 10 minutes.";
            mutate(alice, "postUpdate", Map.of("incidentId", key, "audience", "INTERNAL", "body", after), "update { id }");
            within(LIVE).until(textToBePresentInElementLocated(TIMELINE, after));
            changeStatus(alice, key, "RESOLVED");
            within(LIVE).until(invisibilityOfElementLocated(rowLocator(key)));
            changeStatus(alice, meanwhile, "RESOLVED");
            screenshot("board-after-restart.png");
        } finally {
            boardServer[0].close();
        }
    }

    /** Opens the board through a sign-in link with a VIEWER token, as a wall screen would. */
    private void open(int serverPort) {
        browser.get("http://localhost:" + serverPort + "/board/#token=" + Tokens.jwt("wallboard", "VIEWER"));
        within(Duration.ofSeconds(30)).until(textToBePresentInElementLocated(CONNECTION, "Live"));
        assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token=");
    }

    @Test
    void signsInFromALinkOrAPastedTokenAndSignsOut() {
        open(port);
        within(LIVE).until(textToBePresentInElementLocated(By.id("identity"), "wallboard · VIEWER"));

        browser.findElement(By.id("sign-out")).click();
        within(LIVE).until(visibilityOfElementLocated(By.id("sign-in")));
        assertThat(browser.findElement(By.cssSelector("main.board")).isDisplayed()).isFalse();

        // A token that is not accepted says why, and the board stays behind the form.
        browser.findElement(By.id("token")).sendKeys("icmd_this-token-does-not-exist");
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        within(LIVE).until(textToBePresentInElementLocated(By.id("sign-in-reason"), "not known"));

        browser.findElement(By.id("token")).sendKeys(Tokens.jwt("carol", "RESPONDER"));
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        within(Duration.ofSeconds(30)).until(textToBePresentInElementLocated(CONNECTION, "Live"));
        within(LIVE).until(textToBePresentInElementLocated(By.id("identity"), "carol · RESPONDER"));
    }

    /** Declares through the API and waits for the incident to show on the board. */
    private String declare(GraphQlTester as, String title, String severity, String commander, Map<String, Object> impact) {
        String key = declareUnseen(as, title, severity, commander, impact);
        within(LIVE).until(textToBePresentInElementLocated(rowLocator(key), title));
        return key;
    }

    private static String declareUnseen(GraphQlTester as, String title, String severity, String commander,
                                        Map<String, Object> impact) {
        Map<String, Object> input = new HashMap<>(Map.of("title", title, "severity", severity, "impact", impact));
        if (commander != null) {
            input.put("commander", commander);
        }
        return mutate(as, "declareIncident", input, "incident { key }")
                .path("declareIncident.incident.key").entity(String.class).get();
    }

    private String createTask(GraphQlTester as, String incident, String kind, String title, String assignee, String dueAt) {
        Map<String, Object> input = new HashMap<>(Map.of("incidentId", incident, "kind", kind, "title", title, "assignee", assignee));
        if (dueAt != null) {
            input.put("dueAt", dueAt);
        }
        return mutate(as, "createTask", input, "task { id }").path("createTask.task.id").entity(String.class).get();
    }

    private static void changeStatus(GraphQlTester as, String incident, String status) {
        Map<String, Object> input = "RESOLVED".equals(status)
                // resolving without a monitoring window is allowed only with a recorded reason
                ? Map.of("incidentId", incident, "status", status, "reason", "Fixed by the rollback")
                : Map.of("incidentId", incident, "status", status);
        mutate(as, "changeStatus", input, "incident { key }");
    }

    private int lastSequence(String key) {
        return as("alice").document("query($id: ID!) { incident(id: $id) { lastSequence } }").variable("id", key)
                .execute().path("incident.lastSequence").entity(Integer.class).get();
    }

    private void click(String key) {
        within(LIVE).until(elementToBeClickable(rowLocator(key))).click();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .key"), key));
    }

    private static By rowLocator(String key) {
        return By.cssSelector("#incident-list li[data-key='" + key + "']");
    }

    private WebElement row(String key) {
        return browser.findElement(rowLocator(key));
    }

    private List<String> keysOnBoard() {
        return browser.findElements(By.cssSelector("#incident-list li[data-key]")).stream()
                .map(item -> item.getAttribute("data-key")).toList();
    }

    private List<Integer> sequencesShown() {
        return browser.findElements(By.cssSelector("#timeline li[data-sequence]")).stream()
                .map(item -> Integer.valueOf(item.getAttribute("data-sequence"))).toList();
    }

    private WebDriverWait within(Duration timeout) {
        return chromium.within(timeout);
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }
}
