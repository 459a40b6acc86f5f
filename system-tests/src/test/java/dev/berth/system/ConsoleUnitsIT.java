package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The units pages in a real browser, against the one shared Berth: an admin defines a unit (a bad port is told at
 * its field), starts it and sees RUNNING appear without reloading the page; follows its logs and sees a new line
 * arrive; the follower on the agent ends when the page stops following and when the page goes away. A user sees only
 * their own units, their page hears nothing of another user's unit, and a forged confirmation or address naming
 * another user's unit is refused.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleUnitsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final RunningBerth berth;
    private final Browser browser;
    private final Fixtures fixtures;

    ConsoleUnitsIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void anAdminDefinesAndStartsAUnitAndSeesItRunWithoutAReload() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/units.xhtml");

        browser.click(By.id("units:new"));
        suggest("newUnitForm:user", user);
        choose("newUnitForm:host", RunningBerth.HOST);
        type("newUnitForm:image", "berth/probe:1");
        type("newUnitForm:port", "80");
        browser.click(By.id("newUnitForm:create"));
        browser.waitFor(d -> browser.text().contains("port 80 is outside"));
        assertThat(browser.element(By.cssSelector("[id='newUnitForm:port'] ~ .ui-message-error")).getText())
                .contains("port 80 is outside");

        type("newUnitForm:port", String.valueOf(port));
        browser.click(By.id("newUnitForm:create"));
        long unit = unitOf(user);
        assertThat(state(unit)).isEqualTo("DEFINED");

        markPage();
        act("start", unit);
        browser.waitFor(d -> "RUNNING".equals(state(unit)));
        assertThat(pageMarked()).as("the page was not reloaded").isTrue();
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("RUNNING");

        act("delete", unit);
        browser.waitFor(d -> browser.elements(stateOf(unit)).isEmpty());
        assertThat(pageMarked()).isTrue();
    }

    @Test
    void anAdminFollowsAUnitsLogsAndTheFollowerEndsWithThePage() throws InterruptedException {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/unit.xhtml?id=" + unit);

        browser.click(By.id("logs:read"));
        browser.waitFor(d -> logText().contains("berth probe serving on port " + port));

        browser.click(By.id("logs:follow"));
        browser.waitFor(d -> "following".equals(textOf("follow-state")));
        String marker = "console-follow-" + UUID.randomUUID();
        writeToUnitLog(unit, marker);
        browser.waitFor(d -> logText().contains(marker));

        browser.click(By.id("logs:stopFollowing"));
        browser.waitFor(d -> "ended".equals(textOf("follow-state")));
        awaitFollowersEnded(unit, 1);

        browser.click(By.id("logs:follow"));
        browser.waitFor(d -> "following".equals(textOf("follow-state")));
        browser.open("/console/units.xhtml");
        awaitFollowersEnded(unit, 2);

        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aUnitsPageChartsItsCpuAndMemoryShowsItsContainerAndSetsItsRestartPolicy() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        Poll.until(DEADLINE, "samples of unit " + unit, () -> !berth.admin().get("/units/" + unit + "/stats")
                .array().isEmpty());
        browser.logIn(user, Fixtures.PASSWORD);

        browser.open("/console/unit.xhtml?id=" + unit);

        int samples = Integer.parseInt(String.valueOf(((JavascriptExecutor) browser.driver()).executeScript(
                "return document.getElementById('usage-summary').getAttribute('data-samples');")));
        assertThat(samples).isPositive();
        assertThat(textOf("usage-summary")).contains("samples; the last at")
                .contains("% of a core").contains("of 64 MiB");
        Object labels = ((JavascriptExecutor) browser.driver()).executeScript("""
                var config = PF('usageChart').cfg.config;
                if (typeof config === 'string') { config = JSON.parse(config); }
                return config.data.labels.length;""");
        assertThat(((Number) labels).intValue()).isEqualTo(samples);
        assertThat(textOf("observed")).isEqualTo("RUNNING");
        assertThat(textOf("policy-in-force")).isEqualTo("on-failure (the default)");

        // the owner chooses the unit's restart policy
        ((JavascriptExecutor) browser.driver()).executeScript("PF('restartPolicy').selectValue('always');");
        browser.click(By.id("restart:choose"));
        browser.waitFor(d -> "always".equals(textOf("policy-in-force")));
        assertThat(berth.admin().get("/units/" + unit).json().getString("restartPolicy")).isEqualTo("always");

        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aUserConnectsAClientSeesItsEndpointsAndDisconnects() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        browser.logIn(user, Fixtures.PASSWORD);
        browser.open("/console/units.xhtml");

        browser.click(By.id("connectForm:connect"));

        browser.waitFor(d -> browser.text().contains("Connected from 127.0.0.1"));
        assertThat(textOf("connectForm:endpoints")).contains("127.0.0.1:" + port);
        browser.waitFor(d -> "RUNNING".equals(state(unit)));
        browser.waitFor(d -> textOf("connected").contains("every unit is ready"));
        assertThat(textOf("client-config")).contains("127.0.0.1:" + port);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions").array()).hasSize(1);

        browser.click(By.id("connectForm:disconnect"));

        browser.element(By.id("connectForm:connect"));
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions").array()).isEmpty();
        browser.waitFor(d -> "STOPPED".equals(state(unit)));
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aUserSeesAndHearsOfOnlyTheirOwnUnitsAndCannotActOnAnothersByForging() {
        String owner = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        long own = fixtures.newUnit(owner, RunningBerth.HOST, RunningBerth.freePort());
        long others = fixtures.newUnit(other, RunningBerth.HOST, RunningBerth.freePort());
        browser.logIn(owner, Fixtures.PASSWORD);
        browser.open("/console/units.xhtml");

        browser.element(stateOf(own));
        assertThat(browser.elements(stateOf(others))).isEmpty();
        assertThat(browser.text()).doesNotContain(other);

        // the socket is open once the user's own change arrives: two pushes, STARTING and RUNNING
        markPage();
        act("start", own);
        browser.waitFor(d -> "RUNNING".equals(state(own)));
        browser.waitFor(d -> pushes() == 2);
        // the other user's unit changes four times; then the user's own once more, twice
        fixtures.request(berth.admin(), others, "start");
        assertThat(fixtures.settled(others).getString("state")).isEqualTo("RUNNING");
        fixtures.request(berth.admin(), own, "stop");
        browser.waitFor(d -> "STOPPED".equals(state(own)));
        browser.waitFor(d -> pushes() >= 4);
        assertThat(pushes()).as("pushes the user's page heard").isEqualTo(4);
        assertThat(pageMarked()).isTrue();

        // a confirmation forged to name the other user's unit
        forge(others, "stop");
        browser.waitForText("unit " + others + " belongs to another user");
        assertThat(berth.admin().get("/units/" + others).json().getString("state")).isEqualTo("RUNNING");

        // an address naming it
        browser.open("/console/unit.xhtml?id=" + others);
        browser.waitForText("unit " + others + " belongs to another user");
        assertThat(browser.elements(By.id("logs:follow"))).isEmpty();
        assertThat(browser.elements(By.id("state"))).isEmpty();

        fixtures.finished(fixtures.request(berth.admin(), others, "delete"));
        fixtures.finished(fixtures.request(berth.admin(), own, "delete"));
    }

    // --- the page, as a person uses it ---

    private static By stateOf(long unit) {
        return By.cssSelector("[data-unit-state='" + unit + "']");
    }

    /** The unit's state as its row shows it; null while the row is not there (or is being drawn again). */
    private String state(long unit) {
        try {
            return browser.elements(stateOf(unit)).stream().findFirst().map(e -> e.getText().trim()).orElse(null);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    /** The id of the (one) row of the user's unit, once the table shows it. */
    private long unitOf(String user) {
        long[] id = new long[1];
        Poll.until(DEADLINE, "the unit of " + user + " to be defined", () -> {
            berth.admin().get("/units").array().stream().map(JsonValue::asJsonObject)
                    .filter(u -> u.getString("user").equals(user)).findFirst()
                    .ifPresent(u -> id[0] = u.getJsonNumber("id").longValue());
            return id[0] != 0;
        });
        browser.element(stateOf(id[0]));
        return id[0];
    }

    /** Clicks the row's action, then Yes in the confirmation. */
    private void act(String action, long unit) {
        browser.click(By.cssSelector("button[data-unit='" + unit + "'][data-action='" + action + "']"));
        browser.waitFor(d -> browser.element(By.id("confirm-question")).getText().contains("unit " + unit));
        browser.click(By.id("confirmForm:yes"));
    }

    /** Sends the confirmation as a forged form would: naming a unit the page never showed. */
    private void forge(long unit, String action) {
        ((JavascriptExecutor) browser.driver()).executeScript("""
                document.getElementById('confirmForm:target').value = arguments[0];
                document.getElementById('confirmForm:verb').value = arguments[1];
                PF('confirm').show();""", String.valueOf(unit), action);
        browser.click(By.id("confirmForm:yes"));
    }

    /** Types into an autocomplete field and picks the suggestion {@code value}. */
    private void suggest(String field, String value) {
        type(field + "_input", value);
        browser.click(By.cssSelector("[id='" + field + "_panel'] li[data-item-value='" + value + "']"));
    }

    private void choose(String menu, String value) {
        browser.click(By.id(menu));
        browser.click(By.cssSelector("[id='" + menu + "_items'] li[data-label='" + value + "']"));
    }

    private void type(String field, String text) {
        var input = browser.element(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * The text of the element with {@code id} as the page has it now, "" while it is not there: read in the page,
     * since pushes and polls draw parts of it anew under the test's hands.
     */
    private String textOf(String id) {
        Object text = ((JavascriptExecutor) browser.driver()).executeScript(
                "var e = document.getElementById(arguments[0]); return e ? e.innerText : '';", id);
        return text == null ? "" : text.toString();
    }

    private String logText() {
        return textOf("log-text");
    }

    private long pushes() {
        Object count = ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.getElementById('live-note').getAttribute('data-count');");
        return count == null ? 0 : Long.parseLong(count.toString());
    }

    /** Marks the page in the browser's memory (a reload would forget it), once its unit socket is open. */
    private void markPage() {
        browser.waitFor(d -> "true".equals(browser.element(By.id("live-note")).getAttribute("data-open")));
        ((JavascriptExecutor) browser.driver()).executeScript("window.berthTestMark = true;");
    }

    private boolean pageMarked() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver()).executeScript(
                "return window.berthTestMark === true;"));
    }

    /** Writes a line to the container's log as its main process would: to PID 1's standard output. */
    private void writeToUnitLog(long unit, String line) throws InterruptedException {
        String container = berth.containersOf(unit).get(0).getId();
        String exec = berth.docker().execCreateCmd(container).withCmd("sh", "-c", "echo " + line + " > /proc/1/fd/1")
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        berth.docker().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(10,
                TimeUnit.SECONDS);
        assertThat(berth.docker().inspectExecCmd(exec).exec().getExitCodeLong()).isZero();
    }

    private void awaitFollowersEnded(long unit, int count) {
        Poll.until(DEADLINE, count + " followers of unit " + unit + " to end", () -> berth.log().lines()
                .filter(line -> line.contains("stopped following the logs of unit " + unit + " ")).count() >= count);
    }
}
