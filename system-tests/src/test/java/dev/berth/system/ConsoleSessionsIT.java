package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.ConsoleClient;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The console's session as a browser holds it: a new id at the login, a cookie no script reads and no other site
 * sends (Secure over HTTPS), the configured idle timeout, and its end when an admin disables the user, in a real
 * browser too.
 */
@ExtendWith({RunningBerth.class, Browser.class})
class ConsoleSessionsIT {

    private static final String SESSION = "JSESSIONID";

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ConsoleSessionsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void theLoginGivesANewSessionWithAStrictHttpOnlyCookie() {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient console = new ConsoleClient(berth.url());
        ConsoleClient.Page form = console.get(ConsoleClient.LOGIN_PAGE);
        String before = console.cookie(SESSION).orElseThrow();

        ConsoleClient.Page login = console.post(ConsoleClient.LOGIN_PAGE,
                ConsoleClient.loginForm(user, Fixtures.PASSWORD, form.viewState()), Map.of());

        assertThat(login.status()).isEqualTo(302);
        String after = console.cookie(SESSION).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        String cookie = sessionCookie(login.setCookies());
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("secure");
        assertThat(sessionCookie(form.setCookies())).containsIgnoringCase("SameSite=Strict");
        // the old id is no login: a session fixed before the login gains nothing
        ConsoleClient fixed = new ConsoleClient(berth.url());
        fixed.cookie(SESSION, before);
        assertThat(fixed.get("/console/units.xhtml").location()).hasValueSatisfying(
                l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
    }

    @Test
    void overHttpsTheCookieIsSecure() throws Exception {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient console = new ConsoleClient("https://127.0.0.1:" + berth.httpsPort(), HttpClient.newBuilder()
                .sslContext(trustingBerthsKey()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build());

        ConsoleClient.Page login = console.logIn(user, Fixtures.PASSWORD);

        assertThat(login.status()).isEqualTo(302);
        assertThat(sessionCookie(login.setCookies())).containsIgnoringCase("Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(console.get("/console/units.xhtml").status()).isEqualTo(200);
    }

    @Test
    void aSessionIdlesAsLongAsConfigured() {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient console = new ConsoleClient(berth.url());
        console.logIn(user, Fixtures.PASSWORD);

        ConsoleClient.Page page = console.get("/console/units.xhtml");

        assertThat(page.body()).contains("the session ends after " + RunningBerth.CONSOLE_IDLE_MINUTES
                + " minutes without a click");
    }

    @Test
    void disablingAUserEndsTheirSessions() {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient first = new ConsoleClient(berth.url());
        ConsoleClient second = new ConsoleClient(berth.url());
        first.logIn(user, Fixtures.PASSWORD);
        second.logIn(user, Fixtures.PASSWORD);
        String other = fixtures.newUser("64m", 512);
        ConsoleClient bystander = new ConsoleClient(berth.url());
        bystander.logIn(other, Fixtures.PASSWORD);
        assertThat(first.get("/console/units.xhtml").status()).isEqualTo(200);

        assertThat(berth.admin().post("/users/" + user + "/disable", "").status()).isEqualTo(200);

        for (ConsoleClient ended : List.of(first, second)) {
            assertThat(ended.get("/console/units.xhtml").location()).hasValueSatisfying(
                    l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
        }
        assertThat(bystander.get("/console/units.xhtml").status()).isEqualTo(200);
    }

    @Test
    void aBrowserOfAUserWhoIsDeletedLandsOnTheLoginPage(Browser browser) {
        String user = fixtures.newUser("64m", 512);
        browser.logIn(user, Fixtures.PASSWORD);

        assertThat(berth.admin().delete("/users/" + user).status()).isEqualTo(204);

        browser.open("/console/units.xhtml");
        browser.element(By.id("login:name"));
        assertThat(browser.url()).endsWith(ConsoleClient.LOGIN_PAGE);
    }

    private static String sessionCookie(List<String> setCookies) {
        return setCookies.stream().filter(c -> c.startsWith(SESSION + "=")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no " + SESSION + " cookie in " + setCookies));
    }

    private SSLContext trustingBerthsKey() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(berth.httpsKeystore())) {
            keys.load(in, berth.httpsKeystorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }
}
