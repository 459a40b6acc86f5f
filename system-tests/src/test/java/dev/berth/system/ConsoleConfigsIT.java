package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The config files page in a real browser, against the one shared Berth: an admin picks a user's unitServer.xml,
 * saves a version esProc would not take (the boundary's refusal, with its line, is shown at the editor, and nothing
 * is saved) and then two good ones, sees the history, the diff of the first against the file now, and saves the
 * first again; the user reads their own file and its history, cannot change it, and an address naming another user
 * shows the caller's own files.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleConfigsIT {

    private final RunningBerth berth;
    private final Browser browser;
    private final Fixtures fixtures;

    ConsoleConfigsIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void anAdminSavesAUsersFileOnlyOnceEsprocWouldTakeIt() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/configs.xhtml?user=" + user);
        pick("unitServer.xml");
        String generated = content();
        assertThat(generated).contains("port=\"" + port + "\"");
        assertThat(browser.element(By.id("configForm:about")).getText()).startsWith("generated");

        setContent(generated.replace("port=\"" + port + "\"", "port=\"" + (port + 1) + "\""));
        browser.click(By.id("configForm:save"));
        browser.waitFor(d -> !browser.elements(By.cssSelector("[id='configForm:content'] ~ .ui-message-error"))
                .isEmpty());
        assertThat(browser.element(By.cssSelector("[id='configForm:content'] ~ .ui-message-error")).getText())
                .contains("unitServer.xml is not accepted").contains("no <Host> has port " + port);
        assertThat(edited(user)).isFalse();

        String edited = generated.replace("<Hosts>", "<!-- console edit -->\n<Hosts>");
        setContent(edited);
        browser.click(By.id("configForm:save"));
        browser.waitForText("unitServer.xml of " + user + " saved");
        assertThat(browser.element(By.id("configForm:about")).getText()).startsWith("edited by admin");
        assertThat(edited(user)).isTrue();
        assertThat(saved(user)).contains("<!-- console edit -->");
        assertThat(versionRow(1).getText()).contains("edited (+").contains("admin");

        setContent(edited.replace("<!-- console edit -->", "<!-- second edit -->"));
        browser.click(By.id("configForm:save"));
        browser.waitFor(d -> !browser.elements(versionRowBy(2)).isEmpty());

        versionRow(1).findElement(By.xpath(".//button[contains(@id,'compare')]")).click();
        browser.waitFor(d -> !browser.elements(By.id("diff")).isEmpty());
        assertThat(browser.element(By.id("diff")).getText().lines())
                .anyMatch(line -> line.startsWith("-") && line.contains("<!-- second edit -->"))
                .anyMatch(line -> line.startsWith("+") && line.contains("<!-- console edit -->"));

        versionRow(1).findElement(By.xpath(".//button[contains(@id,'revert')]")).click();
        browser.click(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitForText("version 1 saved again");
        assertThat(saved(user)).contains("<!-- console edit -->").doesNotContain("second edit");
        assertThat(content()).contains("<!-- console edit -->");
        browser.waitFor(d -> {
            try {
                return versionRow(3).getText().contains("reverted to version 1");
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });

        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aUserReadsTheirOwnFilesOnly() {
        String user = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        browser.logIn(user, Fixtures.PASSWORD);

        browser.open("/console/configs.xhtml?user=" + other);

        assertThat(content()).contains("<Config");
        assertThat(browser.element(By.id("configForm:content")).getAttribute("readonly")).isNotNull();
        assertThat(browser.elements(By.id("configForm:save"))).isEmpty();
        assertThat(browser.elements(By.id("configForm:user"))).isEmpty();
        assertThat(browser.text()).doesNotContain(other);
        assertThat(browser.element(By.id("configForm:versions")).getText()).contains("No saved version yet");
        assertThat(browser.elements(By.xpath("//button[contains(@id,'revert')]"))).isEmpty();
    }

    private static By versionRowBy(int number) {
        return By.xpath("//tbody[@id='configForm:versions_data']/tr[td[1][normalize-space()='" + number + "']]");
    }

    private WebElement versionRow(int number) {
        return browser.element(versionRowBy(number));
    }

    private boolean edited(String user) {
        return berth.admin().get("/users/" + user + "/config").array().stream().map(JsonValue::asJsonObject)
                .filter(file -> file.getString("name").equals("unitServer.xml")).findFirst().orElseThrow()
                .getBoolean("edited");
    }

    private String saved(String user) {
        return berth.admin().get("/users/" + user + "/config/unitServer.xml").body();
    }

    /** Picks a file in the page's file buttons and waits until the editor shows it. */
    private void pick(String file) {
        browser.click(By.xpath("//div[@id='configForm:file']//div[contains(@class,'ui-button')][.//span[text()='"
                + file + "']]"));
        browser.waitFor(d -> file.equals("unitServer.xml") ? content().contains("<SERVER") : content()
                .contains("<Config"));
    }

    /** The editor's text, read in the page (the form is drawn anew after each pick and save); "" while absent. */
    private String content() {
        Object value = ((JavascriptExecutor) browser.driver()).executeScript(
                "var editor = document.getElementById('configForm:content'); return editor ? editor.value : '';");
        return value == null ? "" : value.toString();
    }

    private void setContent(String text) {
        WebElement editor = browser.element(By.id("configForm:content"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", editor, text);
    }
}
