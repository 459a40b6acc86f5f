package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.ConsoleClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CSRF: a console form acts only with the view state this session was sent, and a request that may change something
 * is refused when the browser says another site's page sent it: the console's forms (here the logout form of every
 * page), the login form (a login CSRF), and the API with cached Basic credentials.
 */
@ExtendWith(RunningBerth.class)
class CrossSiteRequestsIT {

    private static final String PAGE = "/console/units.xhtml";
    private static final String EVIL = "http://evil.example";

    private final RunningBerth berth;
    private final Fixtures fixtures;

    CrossSiteRequestsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aFormWithAForgedOrNoViewStateDoesNothing() {
        ConsoleClient console = loggedIn();
        String real = console.get(PAGE).viewState();

        ConsoleClient.Page forged = console.post(PAGE, logout("-1234567890123456789:-987654321987654321"), Map.of());
        ConsoleClient.Page missing = console.post(PAGE, logout(null), Map.of());

        assertThat(forged.status()).isEqualTo(302);
        assertThat(forged.location()).hasValueSatisfying(l -> assertThat(l).endsWith(PAGE));
        assertThat(missing.status()).isLessThan(400);
        assertThat(console.get(PAGE).status()).as("still logged in").isEqualTo(200);
        // the same form with the page's own view state logs out: the forged one was refused for its state alone
        ConsoleClient.Page out = console.post(PAGE, logout(real), Map.of("Origin", berth.url()));
        assertThat(out.location()).hasValueSatisfying(l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
        assertThat(console.get(PAGE).location()).hasValueSatisfying(
                l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
    }

    @Test
    void anAjaxRequestWithAForgedViewStateIsSentBackByFacesOwnRedirect() {
        ConsoleClient console = loggedIn();

        ConsoleClient.Page forged = console.post(PAGE, logout("1:2"), Map.of("Faces-Request", "partial/ajax"));

        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.body()).contains("<partial-response><redirect url=\"" + PAGE + "\"");
        assertThat(console.get(PAGE).status()).as("still logged in").isEqualTo(200);
    }

    @Test
    void anAjaxRequestWithoutALoginIsSentToTheLoginPage() {
        ConsoleClient.Page anonymous = new ConsoleClient(berth.url()).post(PAGE, logout("1:2"),
                Map.of("Faces-Request", "partial/ajax"));

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("<partial-response><redirect url=\"" + ConsoleClient.LOGIN_PAGE + "\"");
    }

    @Test
    void aFormSentFromAnotherSitesPageIsRefused() {
        ConsoleClient console = loggedIn();
        String real = console.get(PAGE).viewState();

        ConsoleClient.Page fromOrigin = console.post(PAGE, logout(real), Map.of("Origin", EVIL));
        ConsoleClient.Page fromFetch = console.post(PAGE, logout(real), Map.of("Sec-Fetch-Site", "cross-site"));

        assertThat(fromOrigin.status()).isEqualTo(403);
        assertThat(fromOrigin.body()).contains("another site").contains(EVIL);
        assertThat(fromFetch.status()).isEqualTo(403);
        assertThat(console.get(PAGE).status()).as("still logged in").isEqualTo(200);
    }

    @Test
    void theLoginFormTakesNoForgedOrCrossSiteLogin() {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient victim = new ConsoleClient(berth.url());
        String real = victim.get(ConsoleClient.LOGIN_PAGE).viewState();

        ConsoleClient.Page forged = victim.post(ConsoleClient.LOGIN_PAGE,
                ConsoleClient.loginForm(user, Fixtures.PASSWORD, "1:2"), Map.of());
        ConsoleClient.Page crossSite = victim.post(ConsoleClient.LOGIN_PAGE,
                ConsoleClient.loginForm(user, Fixtures.PASSWORD, real), Map.of("Origin", EVIL));

        assertThat(forged.location()).hasValueSatisfying(l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(victim.get(PAGE).location()).as("not logged in").hasValueSatisfying(
                l -> assertThat(l).endsWith(ConsoleClient.LOGIN_PAGE));
    }

    @Test
    void theApiRefusesAChangeSentFromAnotherSitesPage() throws Exception {
        String user = fixtures.newUser("64m", 512);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + "/tokens")).header("Authorization", basic)
                .header("Origin", EVIL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + "/tokens")).header("Authorization", basic)
                .header("Origin", EVIL).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"error\"").contains("another site");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("[]");
    }

    private ConsoleClient loggedIn() {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient console = new ConsoleClient(berth.url());
        assertThat(console.logIn(user, Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(console.get(PAGE).status()).isEqualTo(200);
        return console;
    }

    /** The logout button of every console page's menu, as the browser sends it. */
    private static Map<String, String> logout(String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("menu", "menu");
        form.put("menu:logout", "");
        if (viewState != null) {
            form.put(ConsoleClient.VIEW_STATE, viewState);
        }
        return form;
    }
}
