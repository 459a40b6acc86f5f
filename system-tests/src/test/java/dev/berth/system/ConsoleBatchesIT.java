package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's batch pages in a browser: an admin sends a JSON batch file from the batches page, lands on the
 * batch's page and watches its progress bar (read again while the batch runs) reach the end, with each item's
 * outcome and a failed item's reason; the batch is then listed with its counts. Who may open the pages:
 * {@link ConsolePagesIT}.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleBatchesIT {

    private final RunningBerth berth;
    private final Browser browser;

    @TempDir
    Path dir;

    ConsoleBatchesIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
    }

    @Test
    void sendsABatchFileAndWatchesItsProgressToTheEnd() throws Exception {
        String batch = "web-" + UUID.randomUUID();
        String user = "w" + UUID.randomUUID().toString().substring(0, 8);
        int port = RunningBerth.freePort();
        Path file = Files.writeString(dir.resolve("people.json"), """
                {"batch":"%1$s","items":[
                 {"key":"user","op":"user.upsert","user":{"name":"%2$s","password":"%3$s","memory":"64m","cpuShares":512}},
                 {"key":"unit","op":"unit.ensure","unit":{"user":"%2$s","host":"%4$s","port":%5$d,"image":"berth/probe:1"}},
                 {"key":"start","op":"unit.start","user":"%2$s","host":"%4$s","port":%5$d},
                 {"key":"nobody","op":"unit.start","user":"nobody-%2$s","host":"%4$s","port":%5$d}]}
                """.formatted(batch, user, Fixtures.PASSWORD, RunningBerth.HOST, port), StandardCharsets.UTF_8);
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/admin/batches.xhtml");

        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.click(By.id("submit:send"));

        browser.waitFor(d -> d.getCurrentUrl().contains("/console/admin/batch.xhtml?id=" + batch));
        browser.waitFor(d -> d.findElement(By.id("state")).getText().equals("DONE"));
        assertThat(browser.element(By.id("batch:bar")).getText()).contains("100%");
        assertThat(browser.element(By.id("finished")).getText()).isEqualTo("4 of 4");
        assertThat(browser.element(By.id("applied")).getText()).isEqualTo("3");
        assertThat(browser.element(By.id("failed")).getText()).isEqualTo("1");
        assertThat(browser.element(By.id("pending")).getText()).isEqualTo("0");
        assertThat(row("start").getText()).contains("unit.start", "APPLIED");
        assertThat(row("nobody").getText()).contains("unit.start", "FAILED", "nobody-" + user);
        assertThat(berth.admin().get("/batches/" + batch).json().getString("state")).isEqualTo("DONE");

        browser.click(By.linkText("All batches"));
        WebElement listed = browser.waitFor(d -> d.findElements(By.cssSelector("#recent\\:table tbody tr")).stream()
                .filter(r -> r.getText().startsWith(batch)).findFirst().orElse(null));
        assertThat(listed.getText()).contains("DONE", "admin");

        assertThat(berth.admin().post("/batches", """
                {"batch":"%1$s-down","items":[{"key":"s","op":"unit.stop","user":"%2$s","host":"%3$s","port":%4$d},
                 {"key":"d","op":"unit.delete","user":"%2$s","host":"%3$s","port":%4$d}]}
                """.formatted(batch, user, RunningBerth.HOST, port)).status()).isEqualTo(202);
    }

    @Test
    void anXmlFileNeedsAnIdAndTheFormSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("docker_user.xml"), "<Users/>", StandardCharsets.UTF_8);
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/admin/batches.xhtml");

        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.click(By.id("submit:send"));

        browser.waitForText("give the batch of docker_user.xml an id");
        assertThat(browser.url()).contains("/console/admin/batches.xhtml");
    }

    /** The items table's row of the item {@code key}. */
    private WebElement row(String key) {
        return browser.waitFor(d -> d.findElements(By.cssSelector("#batch\\:items tbody tr")).stream()
                .filter(r -> r.findElements(By.tagName("td")).get(0).getText().equals(key)).findFirst()
                .orElse(null));
    }
}
