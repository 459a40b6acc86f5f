package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The console's authorization matrix, page by page: without a login every page leads to the login form; a user
 * opens the users' pages and is refused every admin page ("not for your account"); an admin opens them all.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsolePagesIT {

    /** A console page and the title it shows. */
    record Page(String path, String title) {
    }

    static final List<Page> USER_PAGES = List.of(
            new Page("/console/units.xhtml", "Units"),
            // no unit 0: the page tells so, as its caller's
            new Page("/console/unit.xhtml?id=0", "Unit 0"),
            new Page("/console/configs.xhtml", "Config files"));

    static final List<Page> ADMIN_PAGES = List.of(
            new Page("/console/admin/dashboard.xhtml", "Dashboard"),
            new Page("/console/admin/users.xhtml", "Users"),
            new Page("/console/admin/hosts.xhtml", "Hosts"),
            new Page("/console/admin/host.xhtml?name=" + RunningBerth.HOST, "Host " + RunningBerth.HOST),
            new Page("/console/admin/audit.xhtml", "Audit"),
            new Page("/console/admin/import.xhtml", "Import"),
            new Page("/console/admin/sessions.xhtml", "Sessions"),
            new Page("/console/admin/dead-letters.xhtml", "Dead letters"),
            new Page("/console/admin/drift.xhtml", "Drift"),
            new Page("/console/admin/batches.xhtml", "Batches"),
            // no batch "none": the page tells so
            new Page("/console/admin/batch.xhtml?id=none", "Batch none"));

    private final RunningBerth berth;
    private final Browser browser;
    private final Fixtures fixtures;

    ConsolePagesIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void withoutALoginEveryPageLeadsToTheLoginForm() {
        for (Page page : all()) {
            browser.open(page.path());

            browser.element(By.id("login:name"));
            assertThat(browser.url()).as(page.path()).contains("/login.xhtml");
        }
    }

    @Test
    void aUserOpensTheirPagesAndIsRefusedTheAdminPages() {
        browser.logIn(fixtures.newUser("64m", 512), Fixtures.PASSWORD);

        for (Page page : USER_PAGES) {
            assertShows(page);
        }
        for (Page page : ADMIN_PAGES) {
            browser.open(page.path());

            assertThat(browser.element(By.id("refused")).getText()).as(page.path()).contains("not for your account");
        }
    }

    @Test
    void anAdminOpensEveryPage() {
        browser.logIn("admin", berth.adminPassword());

        for (Page page : all()) {
            assertShows(page);
        }
    }

    private void assertShows(Page page) {
        browser.open(page.path());
        assertThat(browser.element(By.cssSelector("h1.berth-title")).getText()).as(page.path())
                .isEqualTo(page.title());
        assertThat(browser.elements(By.id("refused"))).as(page.path()).isEmpty();
    }

    private static List<Page> all() {
        return java.util.stream.Stream.concat(USER_PAGES.stream(), ADMIN_PAGES.stream()).toList();
    }
}
