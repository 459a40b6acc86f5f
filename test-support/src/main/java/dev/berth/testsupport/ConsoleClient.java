package dev.berth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser without JavaScript meets it, over plain HTTP: it keeps the cookies it is sent (by name,
 * ignoring their path and domain: it talks to one Berth) and follows no redirect, so that a test sees each answer,
 * and it fills the login page's Faces form with the form's own view state. What the benchmarks and the tests of the
 * login plumbing (cookies, CSRF, sessions) share; the {@code Browser} of the system tests drives a real one.
 */
public final class ConsoleClient {

    /** The login form's ids, as {@code login.xhtml} names them. */
    public static final String LOGIN_PAGE = "/login.xhtml";
    public static final String VIEW_STATE = "jakarta.faces.ViewState";
    private static final Pattern VIEW_STATE_INPUT = Pattern.compile(
            "name=\"" + Pattern.quote(VIEW_STATE) + "\"[^>]*?value=\"([^\"]*)\"");

    private final String base;
    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /**
     * @param base Berth's web address, e.g. {@code http://127.0.0.1:8080}
     * @param http the client to send with (e.g. one that trusts Berth's HTTPS key); it must follow no redirect
     */
    public ConsoleClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** A client of Berth's HTTP address with a fresh JDK client of its own. */
    public ConsoleClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** An answer: its status, headers and body. */
    public record Page(int status, Map<String, List<String>> headers, String body) {

        /** Where a redirect leads ({@code Location}), if it is one. */
        public Optional<String> location() {
            return header("Location");
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** Every {@code Set-Cookie} header, as sent. */
        public List<String> setCookies() {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The Faces view state of the page's first form; throws when the page has none. */
        public String viewState() {
            Matcher matcher = VIEW_STATE_INPUT.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no " + VIEW_STATE + " on the page (" + status + "): "
                        + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
            }
            return matcher.group(1).replace("&#58;", ":").replace("&amp;", "&");
        }
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /** Sends a form ({@code application/x-www-form-urlencoded}) with more headers, e.g. {@code Origin}. */
    public Page post(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Logs in through the login page as a browser does: its GET (which makes the session its form's view state lives
     * in), then the form sent with that view state.
     *
     * @return the form's answer: a redirect into the console when the login succeeded, the form again when not
     */
    public Page logIn(String name, String password) {
        Page form = get(LOGIN_PAGE);
        return post(LOGIN_PAGE, loginForm(name, password, form.viewState()), Map.of());
    }

    /** The login form's fields as {@code login.xhtml} sends them. */
    public static Map<String, String> loginForm(String name, String password, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:name", name);
        form.put("login:password", password);
        form.put("login:submit", "");
        form.put(VIEW_STATE, viewState);
        return form;
    }

    /** The value of a cookie this client holds, e.g. {@code JSESSIONID}. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Sets (or, with null, drops) a cookie, as a test that copies or forges one does. */
    public void cookie(String name, String value) {
        if (value == null) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    public String base() {
        return base;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Page page = new Page(response.statusCode(), response.headers().map(), response.body());
            page.setCookies().forEach(this::keep);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Takes in one {@code Set-Cookie}: a value, or its removal (an empty value or {@code Max-Age=0}). */
    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        if (equals < 1) {
            return;
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean removed = value.isEmpty() || List.of(parts).stream().skip(1)
                .anyMatch(p -> p.trim().equalsIgnoreCase("Max-Age=0"));
        cookie(name, removed ? null : value);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
