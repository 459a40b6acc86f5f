package dev.berth.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Why the console needs no Faces {@code <protected-views>}: a GET of a page acts on nothing. Forms are posted with
 * their view state (the CSRF token); what a page does on a GET is its {@code f:viewAction}s (and
 * {@code preRenderView} listeners), and every one of them is listed here with why it changes nothing. A page that
 * adds one fails this test until the action is listed (it only reads or redirects) or the page is made a protected
 * view in faces-config.xml, so that a link from another site cannot trigger it.
 */
class PageGetsTest {

    /** Every action a page runs on a GET, with why it changes nothing. */
    private static final Map<String, String> READS_ONLY = Map.of(
            "#{loginForm.skipWhenLoggedIn}", "redirects a logged-in caller to the console's start",
            "#{consoleSession.start}", "redirects to the first page of the caller's role",
            "#{hostPage.load}", "reads the host named in the address and the units on it",
            "#{unitPage.load}", "reads the unit named in the address, as its caller may",
            "#{configsPage.load}", "reads the configuration file of the caller, or of the user an admin named",
            "#{batchPage.load}", "reads the batch named in the address: its state, counts and items");

    private static final Pattern ON_GET = Pattern.compile(
            "<f:viewAction[^>]*\\saction=\"([^\"]*)\"|<f:event[^>]*type=\"preRenderView\"[^>]*listener=\"([^\"]*)\""
                    + "|<f:event[^>]*listener=\"([^\"]*)\"[^>]*type=\"preRenderView\"");

    @Test
    void noPageActsOnAGet() throws IOException {
        Path pages = Path.of("src/main/webapp");
        List<String> acting = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(pages)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                Matcher matcher = ON_GET.matcher(Files.readString(page));
                while (matcher.find()) {
                    found++;
                    String action = Stream.of(matcher.group(1), matcher.group(2), matcher.group(3))
                            .filter(a -> a != null).findFirst().orElseThrow();
                    if (!READS_ONLY.containsKey(action)) {
                        acting.add(pages.relativize(page) + ": " + action);
                    }
                }
            }
        }
        assertFalse(found == 0, "no f:viewAction found at all under " + pages.toAbsolutePath()
                + ": is the test reading the pages?");
        assertEquals(List.of(), acting, "these run on a GET of their page: list each in READS_ONLY with why it"
                + " changes nothing, or make its page a <protected-views> url-pattern in faces-config.xml");
    }
}
