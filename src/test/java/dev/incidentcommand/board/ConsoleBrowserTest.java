package dev.incidentcommand.board;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.Chromium;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The board as the commander's console, in a real headless Chromium against the real server:
 * every action goes through the page's forms, and its effect is awaited as it arrives back over
 * the subscriptions, never drawn from the mutation's answer.
 */
class ConsoleBrowserTest extends IntegrationTest {

    /** How soon a change must be on the screen. */
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final By DIALOG = By.id("action-dialog");
    private static final By HEAD = By.cssSelector("#detail-state .detail-head");
    private static final By TASKS = By.cssSelector("#detail-state .tasks");
    private static final By MORE = By.id("detail-more");
    private static final By TIMELINE = By.id("timeline");
    private static final By REWIND = By.id("rewind-position");

    @RegisterExtension
    final Chromium chromium = new Chromium("console", 1600, 1200);
    private WebDriver browser;

    @BeforeEach
    void browser() {
        browser = chromium.browser();
    }

    @Test
    void aResponderRunsAnIncidentFromDeclarationToResolutionThroughThePage() {
        open("alice", "RESPONDER");

        // Declared from the keyboard; a double click on Send still declares once.
        press("d");
        fill("title", "Checkout fails for EU cards");
        choose("severity", "SEV2");
        fill("impact.summary", "Card payments return 500 at the last step");
        fill("callUrl", "https://meet.example.com/checkout-eu");
        chromium.js("const send = document.querySelector('#action-dialog button[type=submit]'); send.click(); send.click();");
        closed();
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "Checkout fails for EU cards"));
        String key = chromium.text(By.cssSelector("#detail-state .detail-head .key"));
        assertThat(incidentsTitled("Checkout fails for EU cards")).isEqualTo(1);
        within(LIVE).until(visibilityOfElementLocated(By.cssSelector("#detail-more a.join-call")));
        assertThat(browser.findElement(By.cssSelector("#detail-more a.join-call")).getAttribute("href"))
                .isEqualTo("https://meet.example.com/checkout-eu");

        // Alice rolls back before anyone commands: her own mitigation, through each of its steps.
        action("task");
        fill("title", "Roll back checkout release 2026.11.28-2");
        choose("kind", "MITIGATION");
        fill("assignee", "alice");
        fill("expectedIn", "30");
        send();
        within(LIVE).until(textToBePresentInElementLocated(TASKS, "Roll back checkout release"));
        taskButton("Roll back", "acknowledge").click();
        taskBecomes("Roll back", "acknowledged");
        taskButton("Roll back", "start").click();
        taskBecomes("Roll back", "in-progress");
        taskButton("Roll back", "complete").click();
        choose("outcome", "EFFECTIVE");
        fill("resolution", "Error rate back to baseline");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .mitigations"), "Effective"));

        // She takes command (nobody has it, so it is assigned), pages bob, and raises the severity.
        action("command");
        assertThat(dialogText()).contains("Assign a commander");
        send();
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "alice"));
        action("page");
        fill("responder", "bob");
        fill("reason", "Owns the payment gateway");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .pages"), "bob"));
        press("s");
        choose("severity", "SEV1");
        fill("reason", "All EU card payments fail");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .severity"), "SEV1"));

        // A refused action says why beside the field it names, and leaves the dialog open to fix it.
        press("s");
        choose("severity", "SEV1");
        fill("reason", "Still failing");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("[data-field='severity'] .field-error"), "already"));
        assertThat(dialogOpen()).isTrue();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        closed();

        press("i");
        fill("impact.summary", "EU card payments fail at the last step");
        choose("impact.scope", "SUBSET");
        fill("impact.affectedUsers", "EU customers paying by card");
        send();
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "EU customers paying by card"));

        // Work for someone else: alice cannot acknowledge it for bob, but can move it on.
        action("task");
        fill("title", "Ask the payment provider about EU errors");
        fill("assignee", "bob");
        fill("expectedIn", "20");
        send();
        within(LIVE).until(textToBePresentInElementLocated(TASKS, "Ask the payment provider"));
        assertThat(taskRow("Ask the payment provider").findElements(By.cssSelector("[data-task-action='acknowledge']"))).isEmpty();
        taskButton("Ask the payment provider", "reschedule").click();
        fill("expectedIn", "45");
        fill("reason", "Provider support answers within the hour");
        send();
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, "Provider support answers within the hour"));
        taskButton("Ask the payment provider", "reassign").click();
        fill("assignee", "carol");
        send();
        within(LIVE).until(driver -> taskRow("Ask the payment provider").getText().contains("carol"));

        press("u");
        choose("audience", "INTERNAL");
        fill("body", "Rolled back; EU card errors down. Next update in 15 minutes.");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .updates"), "Next update in 15 minutes"));
        press("u");
        choose("audience", "EXTERNAL");
        fill("body", "Card payments in the EU are recovering.");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .updates"), "are recovering"));

        press("n");
        choose("kind", "DASHBOARD");
        fill("body", "EU card errors by minute");
        fill("url", "https://grafana.example.com/d/eu-cards");
        send();
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, "EU card errors by minute"));

        // Command changes hands twice: handed over to bob, then taken back when he cannot be reached.
        press("c");
        assertThat(dialogText()).contains("Hand over command");
        fill("to", "bob");
        fill("notes", "Rollback effective; provider question open with carol");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .command-history"), "bob"));
        press("c");
        assertThat(dialogText()).contains("Take command");
        fill("reason", "bob dropped off the call");
        send();
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, "bob dropped off the call"));
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .facts"), "alice"));
        assertThat(chromium.text(By.cssSelector("#detail-more .people"))).contains("bob").contains("Commander");
        chromium.screenshot("console.png");

        press("m");
        fill("monitoringWindowMinutes", "30");
        send();
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "Monitoring"));

        // Resolving with carol's task still open needs a reason: asked for beside the reason field.
        press("r");
        send();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("[data-field='reason'] .field-error"), "give a reason"));
        fill("reason", "Provider confirmed the fix; closing early");
        send();
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "Resolved"));
        assertThat(browser.findElements(By.cssSelector("#incident-list li[data-key='" + key + "']"))).isEmpty();
    }

    @Test
    void aViewerSeesTheConsoleButNoControls() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Search results load slowly", "SEV3");
        createTask(alice, key, "INFORMATION_GATHERING", "Check the search cluster", "alice");
        open("wallboard", "VIEWER");
        pick(key);
        within(LIVE).until(textToBePresentInElementLocated(TASKS, "Check the search cluster"));
        within(LIVE).until(textToBePresentInElementLocated(MORE, "Sitrep"));

        assertThat(browser.findElement(By.id("actions")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("button[data-task-action]"))).isEmpty();
        press("d");
        assertThat(dialogOpen()).isFalse();
        // Rewinding is reading, so a viewer has it.
        assertThat(browser.findElement(By.id("rewind-to")).isDisplayed()).isTrue();
    }

    @Test
    void fitsAPhoneScreenWithItsControlsWithinReach() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Status page shows stale data", "SEV2");
        createTask(alice, key, "INFORMATION_GATHERING", "Find which cache serves the status page", "alice");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("alice", "RESPONDER");
        pick(key);
        within(LIVE).until(textToBePresentInElementLocated(TASKS, "Find which cache serves the status page"));
        within(LIVE).until(textToBePresentInElementLocated(MORE, "Sitrep"));

        assertThat(((Number) chromium.js("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("nothing wider than the screen").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.cssSelector("#actions button[data-action='task']")).isDisplayed()).isTrue();
        assertThat(taskButton("Find which cache", "acknowledge").isDisplayed()).isTrue();
        chromium.screenshot("console-phone.png");
    }

    @Test
    void followsTheSystemsLightOrDarkSetting() {
        open("wallboard", "VIEWER");
        String dark = background();
        chromium.prefersColorScheme("light");
        within(LIVE).until(driver -> !background().equals(dark));
        assertThat(brightness(background())).isGreaterThan(200);
        assertThat(brightness(dark)).isLessThan(50);
    }

    private String background() {
        return (String) chromium.js("return getComputedStyle(document.documentElement).backgroundColor");
    }

    /** The mean of an {@code rgb(r, g, b)} colour's channels. */
    private static double brightness(String rgb) {
        return Arrays.stream(rgb.replaceAll("[^0-9,]", "").split(",")).limit(3).mapToInt(Integer::parseInt).average().orElseThrow();
    }

    @Test
    void rewindsTheIncidentToAnEarlierEventWhileLiveEventsKeepArriving() {
        GraphQlTester alice = as("alice");
        String key = declare(alice, "Payments API returns 502", "SEV3");
        mutate(alice, "changeSeverity", Map.of("incidentId", key, "severity", "SEV1", "reason", "Every merchant affected"),
                "incident { id }");
        mutate(alice, "assignCommander", Map.of("incidentId", key, "commander", "alice"), "incident { id }");
        createTask(alice, key, "INFORMATION_GATHERING", "Compare gateway error rates", "bob");
        mutate(alice, "updateImpact", Map.of("incidentId", key, "impact", Map.of("summary", "Half of payment calls fail")),
                "incident { id }");

        open("carol", "RESPONDER");
        pick(key);
        within(LIVE).until(textToBePresentInElementLocated(TASKS, "Compare gateway error rates"));

        // The scrubber's far left is the declaration: severity, command, impact and tasks as they were.
        WebElement scrubber = browser.findElement(By.id("rewind-to"));
        scrubber.sendKeys(Keys.HOME);
        within(LIVE).until(textToBePresentInElementLocated(REWIND, "Rewound to #1"));
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .severity"), "SEV3"));
        assertThat(chromium.text(HEAD)).contains("Nobody has command").doesNotContain("Half of payment calls fail");
        assertThat(chromium.text(TASKS)).contains("No tasks delegated yet");
        assertThat(browser.findElement(By.id("actions")).findElements(By.cssSelector("button[data-action='severity']:disabled")))
                .as("no acting on the past").hasSize(1);

        // One event on: the severity was raised.
        scrubber.sendKeys("]");
        within(LIVE).until(textToBePresentInElementLocated(REWIND, "Rewound to #2"));
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .severity"), "SEV1"));
        assertThat(chromium.text(HEAD)).contains("Nobody has command");

        // Live events keep arriving on the timeline while the state stays rewound.
        mutate(alice, "addNote", Map.of("incidentId", key, "body", "Gateway pods restarted at 14:02"), "note { id }");
        within(LIVE).until(textToBePresentInElementLocated(TIMELINE, "Gateway pods restarted at 14:02"));
        // Screen readers hear it through the page's polite live region.
        within(LIVE).until(textToBePresentInElementLocated(By.id("announcer"), "Gateway pods restarted at 14:02"));
        assertThat(chromium.text(REWIND)).contains("Rewound to #2");
        chromium.screenshot("console-rewind.png");

        // One key back to now.
        scrubber.sendKeys(Keys.ESCAPE);
        within(LIVE).until(textToBePresentInElementLocated(REWIND, "Now"));
        within(LIVE).until(textToBePresentInElementLocated(HEAD, "Half of payment calls fail"));
        assertThat(chromium.text(HEAD)).contains("alice");

        // And a timeline entry's number rewinds straight to it.
        browser.findElement(By.cssSelector("#timeline button[data-rewind='1']")).click();
        within(LIVE).until(textToBePresentInElementLocated(REWIND, "Rewound to #1"));
        scrubber.sendKeys(Keys.ESCAPE);

        // A page answered since still shows as waiting when rewound to just after it was sent.
        mutate(alice, "pageResponder", Map.of("incidentId", key, "responder", "gwen", "reason", "Owns the gateway"), "page { id }");
        By paged = By.xpath("//ol[@id='timeline']/li[contains(., 'paged gwen')]");
        String pagedAt = within(LIVE).until(visibilityOfElementLocated(paged)).getAttribute("data-sequence");
        mutate(alice, "joinIncident", Map.of("incidentId", key, "responder", "gwen"), "incident { id }");
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .pages"), "Pages waiting (0)"));
        browser.findElement(By.cssSelector("#timeline button[data-rewind='" + pagedAt + "']")).click();
        within(LIVE).until(textToBePresentInElementLocated(REWIND, "Rewound to #" + pagedAt + " "));
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-more .pages"), "Pages waiting then (1)"));
        assertThat(chromium.text(By.cssSelector("#detail-more .pages"))).contains("gwen").contains("Owns the gateway");
    }

    @Test
    void theShortcutsAreListedUnderTheQuestionMark() {
        open("alice", "RESPONDER");
        press("?");
        within(LIVE).until(driver -> (Boolean) chromium.js("return document.getElementById('help').open"));
        String help = chromium.text(By.id("help"));
        assertThat(help).contains("Declare an incident").contains("Page").contains("Severity").contains("Task")
                .contains("Resolve").contains("Back to now");
    }

    /** Opens the console through a sign-in link, as {@code handle} with {@code role}. */
    private void open(String handle, String role) {
        browser.get("http://localhost:" + port + "/board/#token=" + Tokens.jwt(handle, role));
        within(Duration.ofSeconds(30)).until(textToBePresentInElementLocated(By.id("connection"), "Live"));
        within(LIVE).until(textToBePresentInElementLocated(By.id("identity"), handle + " · " + role));
    }

    private void pick(String key) {
        By row = By.cssSelector("#incident-list li[data-key='" + key + "']");
        within(LIVE).until(visibilityOfElementLocated(row)).click();
        within(LIVE).until(textToBePresentInElementLocated(By.cssSelector("#detail-state .key"), key));
    }

    /** Presses a key on the page, as someone would with nothing focused. */
    private void press(String key) {
        chromium.js("document.activeElement?.blur()");
        browser.findElement(By.tagName("body")).sendKeys(key);
    }

    private void action(String id) {
        within(LIVE).until(visibilityOfElementLocated(By.cssSelector("#actions button[data-action='" + id + "']"))).click();
        within(LIVE).until(driver -> dialogOpen());
    }

    private WebElement field(String name) {
        within(LIVE).until(driver -> dialogOpen());
        return dialog().findElement(By.name(name));
    }

    private void fill(String name, String value) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(value);
    }

    private void choose(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    /** Sends the form and waits for the dialog to close, unless the server refused. */
    private void send() {
        dialog().findElement(By.cssSelector("button[type=submit]")).click();
        within(LIVE).until(driver -> !dialogOpen() || !dialog().findElements(By.cssSelector(".field-error:not(:empty), .form-error:not(:empty)")).isEmpty());
    }

    private void closed() {
        within(LIVE).until(driver -> !dialogOpen());
    }

    private WebElement dialog() {
        return browser.findElement(DIALOG);
    }

    private boolean dialogOpen() {
        return Boolean.TRUE.equals(chromium.js("return document.getElementById('action-dialog').open"));
    }

    private String dialogText() {
        return dialog().getText();
    }

    private WebElement taskRow(String title) {
        return browser.findElements(By.cssSelector("#detail-state .task")).stream()
                .filter(row -> row.getText().contains(title)).findFirst()
                .orElseThrow(() -> new AssertionError("No task row for " + title));
    }

    private WebElement taskButton(String title, String action) {
        return within(LIVE).until(driver -> taskRow(title).findElements(By.cssSelector("[data-task-action='" + action + "']"))
                .stream().findFirst().orElse(null));
    }

    /** Waits for the task's row to show it in a status (its class: acknowledged, in-progress, done). */
    private void taskBecomes(String title, String status) {
        within(LIVE).until(driver -> List.of(taskRow(title).getAttribute("class").split(" ")).contains(status));
    }

    private int incidentsTitled(String title) {
        List<String> titles = as("alice").document("{ incidents(first: 100) { edges { node { title } } } }").execute()
                .path("incidents.edges[*].node.title").entityList(String.class).get();
        return (int) titles.stream().filter(title::equals).count();
    }

    private WebDriverWait within(Duration timeout) {
        return chromium.within(timeout);
    }
}
