package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin's console pages in a real browser against the one Berth: a user created through the dialog (a bad memory
 * value told at its field first), found through the list's filter and disabled; the local host ONLINE on the hosts
 * page; a guide file imported as a dry run, then applied; the audit trail's CSV export; a dead letter seen and
 * discarded; a client session ended by the admin; the dashboard's unit counts changing, without a reload, when a
 * unit starts; and an orphan container previewed and removed from the drift page.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleAdminIT {

    private final RunningBerth berth;
    private final Browser browser;
    private final Fixtures fixtures;

    ConsoleAdminIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
        this.fixtures = new Fixtures(berth);
    }

    private void logInAsAdmin() {
        browser.logIn("admin", berth.adminPassword());
    }

    @Test
    void anAdminCreatesAUserFindsThemThroughTheFilterAndDisablesThem() {
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        logInAsAdmin();
        browser.open("/console/admin/users.xhtml");

        browser.click(By.id("users:create"));
        type(By.id("userForm:name"), name);
        type(By.id("userForm:alias"), "王五 " + name);
        type(By.id("userForm:password"), Fixtures.PASSWORD);
        type(By.id("userForm:memory"), "lots");
        type(By.id("userForm:cpuShares"), "512");
        browser.click(By.id("userForm:save"));

        WebElement atField = browser.element(By.id("userForm:memoryMessage"));
        browser.waitFor(d -> atField.getText().contains("is not a size"));
        assertThat(atField.getText()).contains("memory 'lots' is not a size");
        assertThat(berth.admin().get("/users/" + name).status()).isEqualTo(404);

        type(By.id("userForm:memory"), "256m");
        browser.click(By.id("userForm:save"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("userDialog")));
        assertThat(berth.admin().get("/users/" + name).json().getString("memory")).isEqualTo("256m");

        type(By.id("users:table:globalFilter"), name);
        browser.waitFor(d -> rows().size() == 1 && rows().get(0).getText().contains(name));
        assertThat(browser.element(By.cssSelector(".ui-paginator-current")).getText()).startsWith("1 users");
        assertThat(rows().get(0).getText()).contains("王五 " + name, "256m", "512", "ENABLED");

        browser.click(By.id("users:table:0:disable"));
        browser.click(By.id("users:confirmYes"));
        browser.waitFor(d -> rows().size() == 1 && rows().get(0).getText().contains("DISABLED"));
        assertThat(berth.admin().get("/users/" + name).json().getBoolean("disabled")).isTrue();
    }

    @Test
    void deletingAUserWithUnitsIsRefusedAndTheirUnitsAreListed() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        logInAsAdmin();
        browser.open("/console/admin/users.xhtml");
        type(By.id("users:table:globalFilter"), user);
        browser.waitFor(d -> rows().size() == 1 && rows().get(0).getText().contains(user));

        browser.click(By.id("users:table:0:delete"));

        WebElement listed = browser.element(By.id("deleteForm:hasUnits"));
        assertThat(listed.getText()).contains("a delete is refused", "unit " + unit + " on " + RunningBerth.HOST);
        assertThat(browser.element(By.id("deleteForm:confirmDelete")).isEnabled()).isFalse();
        berth.admin().delete("/units/" + unit);
    }

    @Test
    void theHostsPageShowsTheLocalHostOnlineAndItsDetail() {
        logInAsAdmin();
        browser.open("/console/admin/hosts.xhtml");

        WebElement row = browser.waitFor(d -> rows().stream().filter(r -> r.getText().contains(RunningBerth.HOST))
                .findFirst().orElse(null));
        assertThat(row.getText()).contains("ONLINE");

        row.findElement(By.linkText(RunningBerth.HOST)).click();
        assertThat(browser.element(By.id("state")).getText()).isEqualTo("ONLINE");
        assertThat(browser.text()).contains("Ports in use", "Last heartbeat");
    }

    @Test
    void anImportIsShownAsADryRunAndThenApplied() throws IOException {
        String aaa = "ia" + UUID.randomUUID().toString().substring(0, 6);
        String bbb = "ib" + UUID.randomUUID().toString().substring(0, 6);
        String address = berth.admin().get("/hosts/" + RunningBerth.HOST).json().getString("address");
        String xml = GuideFiles.dockerUsers(aaa, bbb, Fixtures.PASSWORD, berth.dataDir().resolve("homes").toString(),
                address + ":" + RunningBerth.freePort(), address + ":" + RunningBerth.freePort());
        Path file = Files.createTempFile("docker_user-", ".xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        logInAsAdmin();
        browser.open("/console/admin/import.xhtml");

        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.click(By.id("import:dryRun"));

        assertThat(browser.element(By.id("result:changes")).getText()).contains("Dry run of", aaa, bbb, "create");
        assertThat(berth.admin().get("/users/" + aaa).status()).as("a dry run writes nothing").isEqualTo(404);

        browser.click(By.id("result:apply"));
        browser.click(By.id("result:confirmYes"));

        browser.waitFor(d -> d.findElement(By.id("result:changes")).getText().contains("Imported from"));
        assertThat(berth.admin().get("/users/" + aaa).json().getString("alias")).isEqualTo("张三");
        assertThat(berth.admin().get("/users/" + bbb).status()).isEqualTo(200);
        Files.delete(file);
    }

    @Test
    void theAuditPageFiltersAndLinksTheSameCsvAsTheApi() {
        String user = fixtures.newUser("64m", 512);
        logInAsAdmin();
        browser.open("/console/admin/audit.xhtml");

        type(By.id("audit:user"), user);
        type(By.id("audit:action"), "user.");
        browser.click(By.id("audit:search"));

        browser.waitFor(d -> rows().size() == 1 && rows().get(0).getText().contains("user.create"));
        String link = browser.element(By.id("audit:csvLink")).getAttribute("href");
        assertThat(link).endsWith("/api/audit.csv?user=" + user + "&action=user.");
        Api.Reply csv = berth.admin().get(link.substring(link.indexOf("/api/") + 4));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).startsWith("id,time,actor,action,target,user,unit,outcome,detail\r\n")
                .contains(",admin,user.create,user " + user + "," + user + ",,SUCCEEDED,");
    }

    @Test
    void theDashboardCountsARunningUnitWithoutAReload() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        logInAsAdmin();
        browser.open("/console/admin/dashboard.xhtml");
        long before = browser.waitFor(d -> Long.parseLong(d.findElement(By.id("units-RUNNING")).getText()));
        ((JavascriptExecutor) browser.driver()).executeScript("window.berthNotReloaded = true;");

        fixtures.request(berth.admin(), unit, "start");

        browser.waitFor(d -> Long.parseLong(d.findElement(By.id("units-RUNNING")).getText()) == before + 1);
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.berthNotReloaded === true;"))
                .as("the count changed on the page as it was, not by loading it again").isEqualTo(true);
        fixtures.request(berth.admin(), unit, "delete");
    }

    @Test
    void anAdminSeesAClientSessionAndEndsIt() {
        String user = fixtures.newUser("64m", 512);
        Api.Reply opened = berth.as(user, Fixtures.PASSWORD).post("/sessions", "");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().getString("id");
        logInAsAdmin();
        browser.open("/console/admin/sessions.xhtml");

        // the table is drawn anew when sessions change: each look finds the row again
        String row = browser.waitFor(d -> rows().stream().map(WebElement::getText).filter(t -> t.contains(user))
                .findFirst().orElse(null));
        assertThat(row).contains("127.0.0.1");
        browser.waitFor(d -> rows().stream().filter(r -> r.getText().contains(user)).findFirst().map(r -> {
            r.findElement(By.cssSelector("button[id$=':end']")).click();
            return true;
        }).orElse(false));
        browser.click(By.id("sessions:confirmYes"));

        browser.waitFor(d -> rows().stream().noneMatch(r -> r.getText().contains(user)));
        assertThat(berth.admin().get("/sessions/" + id).json().getBoolean("live")).isFalse();
    }

    @Test
    void anAdminPreviewsAndRepairsAnOrphanContainerOnTheDriftPage() {
        String name = "berth-it-orphan-" + UUID.randomUUID().toString().substring(0, 8);
        String unit = String.valueOf(920_000_000L + System.nanoTime() % 1_000_000);
        String container = berth.docker().createContainerCmd("berth/probe:1").withName(name)
                .withEntrypoint("/bin/sh", "-c", "sleep 600")
                .withLabels(java.util.Map.of("berth.managed", "true", "berth.unit", unit, "berth.host",
                        RunningBerth.HOST))
                .exec().getId();
        try {
            logInAsAdmin();
            browser.open("/console/admin/drift.xhtml");
            browser.waitFor(d -> rows().stream().anyMatch(r -> r.getText().contains(name)));

            browser.click(By.id("drift:preview"));
            browser.waitFor(d -> browser.text().contains("would remove container " + name));
            assertThat(berth.containersOf(Long.parseLong(unit))).as("a preview changes nothing").hasSize(1);

            java.util.List<WebElement> rows = rows();
            int index = java.util.stream.IntStream.range(0, rows.size())
                    .filter(i -> rows.get(i).getText().contains(name)).findFirst().orElseThrow();
            assertThat(rows.get(index).getText()).contains("ORPHAN_CONTAINER", RunningBerth.HOST, unit);
            browser.click(By.id("drift:table:" + index + ":repair"));
            browser.click(By.id("drift:confirmYes"));
            browser.waitFor(d -> rows().stream().noneMatch(r -> r.getText().contains(name)));

            assertThat(berth.containersOf(Long.parseLong(unit))).isEmpty();
            assertThat(berth.admin().get("/audit?unit=" + unit).array().getJsonObject(0).getString("action"))
                    .isEqualTo("drift.repair");
        } finally {
            try {
                berth.docker().removeContainerCmd(container).withForce(true).exec();
            } catch (com.github.dockerjava.api.exception.NotFoundException repaired) {
                // the repair removed it
            }
        }
    }

    @Test
    void anAdminSeesADeadLetterWithItsReasonAndDiscardsIt() {
        String commandId = "console-" + UUID.randomUUID();
        try (Broker asAgent = berth.broker("agent")) {
            asAgent.send(dev.berth.protocol.Messages.RESULTS_QUEUE, "{not json", java.util.Map.of("type", "RESULT",
                    "commandId", commandId));
        }
        dev.berth.testsupport.Poll.until(java.time.Duration.ofSeconds(20), "the manager to keep it in the DLQ",
                () -> berth.admin().get("/dead-letters").body().contains(commandId));
        logInAsAdmin();
        browser.open("/console/admin/dead-letters.xhtml");

        String row = browser.waitFor(d -> rows().stream().map(WebElement::getText).filter(t -> t.contains(commandId))
                .findFirst().orElse(null));
        assertThat(row).contains("berth.results").contains("not a valid AgentResult").contains("{not json");
        browser.waitFor(d -> rows().stream().filter(r -> r.getText().contains(commandId)).findFirst().map(r -> {
            r.findElement(By.cssSelector("button[id$=':discard']")).click();
            return true;
        }).orElse(false));
        browser.click(By.id("letters:confirmYes"));

        browser.waitFor(d -> rows().stream().noneMatch(r -> r.getText().contains(commandId)));
        assertThat(berth.admin().get("/dead-letters").body()).doesNotContain(commandId);
    }

    private java.util.List<WebElement> rows() {
        return browser.elements(By.cssSelector("tbody.ui-datatable-data > tr:not(.ui-datatable-empty-message)"));
    }

    private void type(By field, String text) {
        WebElement input = browser.element(field);
        input.clear();
        input.sendKeys(text);
    }

}
