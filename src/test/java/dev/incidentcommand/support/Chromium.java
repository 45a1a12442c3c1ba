package dev.incidentcommand.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium for each test, from Debian's packages: opened before the test with a
 * fresh profile, closed after it. A failing test leaves a screenshot and the page's console output.
 * Without Chromium installed the test is skipped, unless {@code REQUIRE_BROWSER=true}.
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback, AfterTestExecutionCallback {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final String name;
    private final int width;
    private final int height;
    private WebDriver browser;
    private Path profile;

    /** A browser whose page (not window) is {@code width}×{@code height}; {@code name} labels its evidence. */
    public Chromium(String name, int width, int height) {
        this.name = name;
        this.width = width;
        this.height = height;
    }

    public WebDriver browser() {
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("REQUIRE_BROWSER"))) {
            fail("REQUIRE_BROWSER=true but " + BINARY + " or " + DRIVER + " is missing;"
                    + " install them with: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(installed, "Skipped: the " + name + " browser test needs " + BINARY + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver); set REQUIRE_BROWSER=true to fail instead");

        profile = Files.createTempDirectory(name + "-browser-profile");
        // Both paths are given, so Selenium never looks for (or downloads) a driver or a browser.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        browser = new ChromeDriver(service, options);
        // The window size includes the (invisible) browser frame; make the page itself the size asked.
        List<?> frame = (List<?>) js("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        browser.manage().window().setSize(new Dimension(width + ((Number) frame.get(0)).intValue(),
                height + ((Number) frame.get(1)).intValue()));
        // Wall screens are usually dark; a test that cares says otherwise.
        prefersColorScheme("dark");
    }

    /** Makes the page see this system colour scheme ({@code dark} or {@code light}). */
    public void prefersColorScheme(String scheme) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        context.getExecutionException().ifPresent(error -> {
            if (browser != null) {
                screenshot(name + "-failure-" + context.getRequiredTestMethod().getName() + ".png");
                browser.manage().logs().get(LogType.BROWSER).forEach(entry -> System.err.println("[" + name + " console] " + entry));
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Waits up to {@code timeout}, polling often; a timeout shows the page's text. An element
     * redrawn while it was being read is looked up again on the next poll.
     */
    public WebDriverWait within(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "The page at the time: " + browser.findElement(By.tagName("body")).getText());
        return wait;
    }

    /** The text of the element {@code locator} finds, read again if the page redraws it meanwhile. */
    public String text(By locator) {
        return within(Duration.ofSeconds(5)).until(browser -> browser.findElement(locator).getText());
    }

    public Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Saves what the page shows as {@code target/<file>}. */
    public void screenshot(String file) {
        try {
            Path target = Path.of("target", file);
            Files.createDirectories(target.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save a screenshot of the page", e);
        }
    }
}
