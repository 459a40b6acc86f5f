package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The console's login in a real browser: a database user, the admin and directory (LDAP) users log in through the
 * form and land on their role's first page, a wrong password is told as such, logging out ends the session, and a user who types an admin
 * page's address is refused.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleLoginIT {

    private final RunningBerth berth;
    private final Browser browser;
    private final Fixtures fixtures;

    ConsoleLoginIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aProtectedPageSendsAnAnonymousVisitorToTheLoginForm() {
        browser.open("/console/units.xhtml");

        browser.element(By.id("login:name"));
        assertThat(browser.url()).endsWith("/login.xhtml");
        browser.open("/");
        assertThat(browser.url()).endsWith("/login.xhtml");
    }

    @Test
    void theAdminLandsOnTheDashboard() {
        browser.logIn("admin", berth.adminPassword());

        assertThat(browser.url()).endsWith("/console/admin/dashboard.xhtml");
        browser.waitForText("Dashboard");
        assertThat(browser.elements(By.id("menu:nav-users"))).isNotEmpty();
    }

    @Test
    void aDatabaseUserLandsOnTheirUnitsAndSeesNoAdminMenu() {
        String user = fixtures.newUser("256m", 512);

        browser.logIn(user, Fixtures.PASSWORD);

        assertThat(browser.url()).endsWith("/console/units.xhtml");
        assertThat(browser.elements(By.id("menu:nav-users"))).isEmpty();
        assertThat(browser.elements(By.id("menu:nav-units"))).isNotEmpty();
    }

    @Test
    void aDirectoryUserLogsInWithTheirLdapPasswordAndAnLdapAdminGetsTheAdminPages() {
        String password = "ldap-" + UUID.randomUUID();
        String user = berth.directory().newUser(password, Directory.USERS);
        String admin = berth.directory().newUser(password, Directory.ADMINS);

        browser.logIn(user, password);
        assertThat(browser.url()).endsWith("/console/units.xhtml");
        assertThat(browser.elements(By.id("menu:nav-users"))).isEmpty();
        browser.click(By.id("menu:logout"));
        browser.element(By.id("login:name"));

        browser.logIn(admin, password);
        assertThat(browser.url()).endsWith("/console/admin/dashboard.xhtml");
        assertThat(browser.elements(By.id("menu:nav-users"))).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsToldAndLogsNobodyIn() {
        String user = fixtures.newUser("256m", 512);

        browser.submitLogin(user, "not-" + Fixtures.PASSWORD);

        browser.waitForText("Wrong user name or password");
        assertThat(browser.url()).endsWith("/login.xhtml");
        browser.open("/console/units.xhtml");
        assertThat(browser.url()).endsWith("/login.xhtml");
    }

    @Test
    void aUserCannotOpenAnAdminPageByItsAddress() {
        String user = fixtures.newUser("256m", 512);
        browser.logIn(user, Fixtures.PASSWORD);

        browser.open("/console/admin/users.xhtml");

        assertThat(browser.element(By.id("refused")).getText()).contains("not for your account");
    }

    @Test
    void loggingOutEndsTheSession() {
        String user = fixtures.newUser("256m", 512);
        browser.logIn(user, Fixtures.PASSWORD);

        browser.click(By.id("menu:logout"));

        browser.element(By.id("login:name"));
        browser.open("/console/units.xhtml");
        assertThat(browser.url()).endsWith("/login.xhtml");
    }
}
