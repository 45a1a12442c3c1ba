package dev.incidentcommand.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.incidentcommand.support.Api;
import dev.incidentcommand.support.Chromium;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * GraphiQL in a real headless Chromium: served by the server alone, signed in with the board's
 * token, running queries over HTTP and subscriptions over the WebSocket.
 */
class GraphiQlBrowserTest extends IntegrationTest {

    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final By QUERY_EDITOR = By.cssSelector(".graphiql-query-editor .CodeMirror");
    private static final By RUN = By.cssSelector(".graphiql-execute-button");
    private static final By RESULT = By.cssSelector(".graphiql-response .result-window");

    @RegisterExtension
    final Chromium chromium = new Chromium("graphiql", 1600, 1000);
    private WebDriver browser;

    @BeforeEach
    void browser() {
        browser = chromium.browser();
    }

    @Test
    void rendersWithNothingFromAnotherHostAndAsksToSignInWithoutAToken() {
        browser.get(origin() + "graphiql");
        within(LOAD).until(visibilityOfElementLocated(QUERY_EDITOR));
        within(LOAD).until(visibilityOfElementLocated(RUN));

        // An air-gapped network sees the same page: every script, style and request went to this server.
        List<?> loaded = (List<?>) js("return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertThat(loaded).as("resources the page loaded")
                .anySatisfy(name -> assertThat((String) name).contains("/webjars/graphiql/"))
                .allSatisfy(name -> assertThat((String) name).startsWith(origin()));

        assertThat(browser.findElement(By.id("sign-in-hint")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#sign-in-hint a")).getAttribute("href")).isEqualTo(origin() + "board/");
        assertThat(headers()).contains("\"Authorization\": \"Bearer <paste a token>\"");

        // The same page with the slash, and the libraries without a credential.
        assertThat(http().get().uri("/graphiql/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody()).contains("/graphiql/page.js");
        http().get().uri(loaded.stream().map(String.class::cast).filter(name -> name.endsWith("graphiql.min.js"))
                .findFirst().orElseThrow()).exchange().expectStatus().isOk();
    }

    @Test
    void runsAQueryAsTheUserSignedInOnTheBoard() {
        signInOnTheBoard(Tokens.jwt("alice", "RESPONDER"));
        open("{ viewer { handle } }");
        assertThat(headers()).contains("\"Authorization\": \"Bearer ey");
        assertThat(browser.findElement(By.id("sign-in-hint")).isDisplayed()).isFalse();

        within(LOAD).until(elementToBeClickable(RUN)).click();
        within(Duration.ofSeconds(10)).until(textToBePresentInElementLocated(RESULT, "\"handle\": \"alice\""));
    }

    @Test
    void showsSubscriptionEventsAsTheyHappen() {
        signInOnTheBoard(Tokens.jwt("alice", "RESPONDER"));
        open("subscription { timelineEvents { kind summary } }");
        within(LOAD).until(elementToBeClickable(RUN)).click();

        // The server answers a subscribe with silence, so the test cannot see when it starts
        // listening: it declares an incident on each look until the result pane shows one.
        String title = "Checkout fails for EU customers";
        within(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(500)).until(page -> {
            if (page.findElement(RESULT).getText().contains("INCIDENT_DECLARED")) {
                return true;
            }
            Api.declare(as("alice"), title, "SEV3");
            return false;
        });
        assertThat(browser.findElement(RESULT).getText()).contains("\"timelineEvents\"").contains(title);
    }

    /** Signs in the way a person does: the server's sign-in link, opened on the board. */
    private void signInOnTheBoard(String token) {
        browser.get(origin() + "board/#token=" + token);
        within(LOAD).until(page -> !page.getCurrentUrl().contains("token="));
    }

    /** Opens GraphiQL with a query, the way a link to it carries one. */
    private void open(String query) {
        browser.get(origin() + "graphiql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        within(LOAD).until(textToBePresentInElementLocated(QUERY_EDITOR, query.substring(0, 10)));
    }

    /** The text of GraphiQL's headers editor, which must be the one on show. */
    private String headers() {
        return (String) js("return document.querySelector(\"section[aria-label='Headers'] .graphiql-editor:not(.hidden) .CodeMirror\")"
                + ".CodeMirror.getValue()");
    }

    private Object js(String script) {
        return chromium.js(script);
    }

    private String origin() {
        return "http://localhost:" + port + "/";
    }

    private WebDriverWait within(Duration timeout) {
        return chromium.within(timeout);
    }
}
