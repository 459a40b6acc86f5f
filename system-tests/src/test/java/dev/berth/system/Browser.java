package dev.berth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the console's tests: Debian's headless {@code chromium}, driven through Debian's
 * {@code chromedriver} (both installed by {@code ./berth test}), against the one Berth of {@link RunningBerth}.
 * <p>
 * Register it after {@link RunningBerth} ({@code @ExtendWith({RunningBerth.class, Browser.class})}); tests get it as a
 * parameter. Each test class has its own browser, and each test starts logged out with no cookies. When a test fails,
 * a screenshot and the page's HTML are kept in {@code system-tests/target/screenshots/}.
 */
public final class Browser implements ParameterResolver, AfterEachCallback, TestWatcher {

    /** How long a page may take to show what a test waits for: generous, the machine is shared with builds. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);

    private ChromeDriver driver;
    private String base;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(Opened.class, k -> open(context),
                Opened.class).browser();
    }

    /** Closes the browser with its test class. */
    private record Opened(Browser browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.driver.quit();
        }
    }

    private Opened open(ExtensionContext context) {
        RunningBerth berth = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .get(RunningBerth.class, RunningBerth.class);
        if (berth == null) {
            throw new IllegalStateException("register RunningBerth before Browser");
        }
        berth.awaitUp();
        Browser browser = new Browser();
        browser.base = berth.apiBase().replaceFirst("/api$", "");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // root in a container has no user namespace sandbox; /dev/shm may be small
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser.driver = new ChromeDriver(service, options);
        return new Opened(browser);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Browser browser = opened(context);
        if (browser != null) {
            browser.driver.manage().deleteAllCookies();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser browser = opened(context);
        if (browser == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                    browser.driver.getCurrentUrl() + "\n" + browser.driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static Browser opened(ExtensionContext context) {
        Opened opened = classContext(context).getStore(NAMESPACE).get(Opened.class, Opened.class);
        return opened == null ? null : opened.browser();
    }

    /** The test class's context: one browser per class, whether asked for by the constructor or a method. */
    private static ExtensionContext classContext(ExtensionContext context) {
        return context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    }

    // --- what tests do with it ---

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of Berth's web address, e.g. {@code /console/units.xhtml}. */
    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Logs in through the login page and waits until the console's menu shows the caller. */
    public Browser logIn(String name, String password) {
        submitLogin(name, password);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("caller"), name));
        return this;
    }

    /** Fills and sends the login form, without waiting for where it leads. */
    public Browser submitLogin(String name, String password) {
        open("/login.xhtml");
        WebElement user = element(By.id("login:name"));
        user.clear();
        user.sendKeys(name);
        element(By.id("login:password")).sendKeys(password);
        element(By.id("login:submit")).click();
        return this;
    }

    public WebElement element(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> elements(By by) {
        return driver.findElements(by);
    }

    /** Clicks the element once it can be clicked. */
    public Browser click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by)).click();
        return this;
    }

    /**
     * Waits until {@code condition} holds (answers true or non-null). Pages redraw parts of themselves when a push
     * arrives, so an element read in one look may be gone in the next: such a look counts as "not yet".
     */
    public <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until the page's text contains {@code text}. */
    public Browser waitForText(String text) {
        waitFor(d -> d.findElement(By.tagName("body")).getText().contains(text));
        return this;
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String base() {
        return base;
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}, e.g. for the docs. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
