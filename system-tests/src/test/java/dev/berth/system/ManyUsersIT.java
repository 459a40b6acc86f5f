package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * Ten thousand users, written straight into the running Berth's database (the API hashes each password, which would
 * take minutes), and the users page in a browser: its first page of the search shows within the browser's patience,
 * with the right count, and sorting the other way shows the last one first. They are deleted again afterwards.
 */
@ExtendWith({RunningBerth.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyUsersIT {

    static final int USERS = 10_000;

    private final RunningBerth berth;
    private final Browser browser;
    private final String prefix = "many" + UUID.randomUUID().toString().substring(0, 6);

    ManyUsersIT(RunningBerth berth, Browser browser) {
        this.berth = berth;
        this.browser = browser;
    }

    /** One statement: the users share a real user's password hash, so that nothing reads a malformed one. */
    @BeforeAll
    void seedTenThousandUsers() throws SQLException {
        String model = new Fixtures(berth).newUser("64m", 512);
        try (Connection db = berth.database(); PreparedStatement insert = db.prepareStatement("""
                insert into app_user (name, alias, password_hash, role, memory, memory_bytes, cpu_shares, home,
                                      created_at)
                select ? || lpad(cast(x as varchar), 5, '0'), 'many ' || x,
                       (select password_hash from app_user where name = ?), 'USER', '64m', 67108864, 512,
                       ? || x, current_timestamp
                from system_range(1, ?)""")) {
            insert.setString(1, prefix);
            insert.setString(2, model);
            insert.setString(3, berth.dataDir().resolve("many-homes").resolve(prefix) + "/");
            insert.setInt(4, USERS);
            assertThat(insert.executeUpdate()).isEqualTo(USERS);
        }
    }

    @AfterAll
    void deleteThem() throws SQLException {
        try (Connection db = berth.database();
             PreparedStatement delete = db.prepareStatement("delete from app_user where name like ?")) {
            delete.setString(1, prefix + "%");
            delete.executeUpdate();
        }
    }

    @Test
    void theUsersPageShowsTheFirstPageOfTenThousandAndCountsThemRight() {
        browser.logIn("admin", berth.adminPassword());
        browser.open("/console/admin/users.xhtml");
        assertThat(count()).isGreaterThan(USERS);

        WebElement search = browser.element(By.id("users:table:globalFilter"));
        search.sendKeys(prefix);
        browser.waitFor(d -> count() == USERS);

        browser.waitFor(d -> firstName().equals(prefix + "00001"));
        assertThat(names()).hasSize(20);
        browser.click(By.cssSelector("#users\\:table\\:name"));
        browser.waitFor(d -> firstName().equals(prefix + "00001"));
        browser.click(By.cssSelector("#users\\:table\\:name"));
        browser.waitFor(d -> firstName().equals(prefix + "10000"));
        assertThat(count()).isEqualTo(USERS);
    }

    /** The list's total, from the paginator's "N users (1–20 shown)". */
    private long count() {
        try {
            String report = browser.element(By.cssSelector("#users\\:table .ui-paginator-current")).getText();
            return Long.parseLong(report.substring(0, report.indexOf(' ')));
        } catch (StaleElementReferenceException rendered) {
            return -1;
        }
    }

    /** The first row's name; empty while the table is being rendered again. */
    private String firstName() {
        try {
            List<String> names = names();
            return names.isEmpty() ? "" : names.get(0);
        } catch (StaleElementReferenceException rendered) {
            return "";
        }
    }

    private List<String> names() {
        return browser.elements(By.cssSelector("#users\\:table .berth-user-name")).stream().map(WebElement::getText)
                .toList();
    }
}
