package dev.berth.cli.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Berth's REST API as the command line calls it: HTTP Basic with the {@link Login}, JSON in and out, every answer of
 * 400 or more turned into an {@link ApiException} carrying the API's own message.
 */
public final class Api {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final String base;
    private final Login login;
    private final HttpClient http;

    public Api(String base, Login login, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.login = login;
        this.http = http;
    }

    /**
     * An HTTP client that trusts the JVM's authorities, or only those in {@code BERTH_TRUSTSTORE} (PKCS12 or JKS;
     * its password, if any, in {@code BERTH_TRUSTSTORE_PASSWORD}).
     */
    public static HttpClient client(Map<String, String> env) {
        // HTTP/1.1: no h2c upgrade on plain HTTP, which cut a long request (a large batch) short after some 30 s
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        String store = env.get("BERTH_TRUSTSTORE");
        if (store != null && !store.isEmpty()) {
            String password = env.get("BERTH_TRUSTSTORE_PASSWORD");
            try {
                KeyStore trusted = KeyStore.getInstance(new File(store),
                        password == null ? null : password.toCharArray());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trusted);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, factory.getTrustManagers(), null);
                builder.sslContext(tls);
            } catch (IOException | GeneralSecurityException e) {
                throw new ApiException(0, "cannot use BERTH_TRUSTSTORE " + store + ": " + e.getMessage(), List.of());
            }
        }
        return builder.build();
    }

    /** The API's base URL: {@code BERTH_URL}, else {@code http://localhost:$BERTH_HTTP_PORT/api} (port 8080). */
    public static String baseUrl(Map<String, String> env) {
        String url = env.get("BERTH_URL");
        if (url != null && !url.isEmpty()) {
            return url;
        }
        String port = env.get("BERTH_HTTP_PORT");
        return "http://localhost:" + (port == null || port.isEmpty() ? "8080" : port) + "/api";
    }

    /** A path segment, percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string of the pairs whose value is not null ({@code ?a=1&b=2}, or empty). */
    public static String query(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.append(query.length() == 0 ? '?' : '&').append(pairs[i]).append('=')
                        .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    public String base() {
        return base;
    }

    public Login login() {
        return login;
    }

    /** An answer of less than 400: its status and body. */
    public record Reply(int status, String body) {

        public JsonValue json() {
            return parse(body);
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }
    }

    public Reply get(String path) {
        return call(request(path).GET());
    }

    public Reply delete(String path) {
        return call(request(path).DELETE());
    }

    /** POST, PUT (or another method) with a JSON body; {@code null}: no body at all. */
    public Reply send(String method, String path, JsonValue json) {
        BodyPublisher body = json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json.toString());
        return send(method, path, body, "application/json");
    }

    public Reply send(String method, String path, BodyPublisher body, String contentType) {
        return call(request(path).header("Content-Type", contentType).method(method, body));
    }

    /** An upload of unknown duration: no timeout (the body's publisher reports its progress). */
    public Reply upload(String path, BodyPublisher body, String contentType) {
        return call(request(path).timeout(Duration.ofDays(1)).header("Content-Type", contentType).POST(body));
    }

    /**
     * A GET whose answer is read as it comes (a followed log): the body as a stream, once the status says it is no
     * refusal.
     */
    public InputStream stream(String path) {
        HttpRequest request = request(path).timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<InputStream> response = exchange(request, BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            try (InputStream in = response.body()) {
                throw refusal(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw refusal(response.statusCode(), "");
            }
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json, application/xml;q=0.9, text/plain;q=0.8")
                .header("Authorization", login.authorization());
    }

    private Reply call(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw refusal(response.statusCode(), response.body());
        }
        return new Reply(response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new ApiException(0, "Berth does not answer at " + base + " (is it running? BERTH_URL or"
                    + " BERTH_HTTP_PORT say where)", List.of());
        } catch (IOException e) {
            if (e instanceof SSLException || e.getCause() instanceof SSLException) {
                throw new ApiException(0, "no TLS connection to " + base + ": " + e.getMessage() + " (BERTH_TRUSTSTORE"
                        + " names the trust store that holds Berth's certificate)", List.of());
            }
            throw new ApiException(0, "the call to " + request.uri() + " failed: " + e, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", List.of());
        }
    }

    /** The API's {@code {"error","problems"}}, or what else it sent. */
    private ApiException refusal(int status, String body) {
        try {
            JsonObject error = parse(body).asJsonObject();
            List<String> problems = new ArrayList<>();
            if (error.get("problems") instanceof JsonArray list) {
                list.forEach(p -> problems.add(p instanceof JsonString s ? s.getString() : p.toString()));
            }
            if (error.get("error") instanceof JsonString message) {
                return new ApiException(status, message.getString() + " (HTTP " + status + ")", problems);
            }
        } catch (JsonException | ClassCastException | IllegalStateException notJson) {
            // said otherwise: below
        }
        if (status == 401) {
            return new ApiException(status, login.token() != null
                    ? "Berth refused the token (HTTP 401): unknown, expired or revoked, or its user is disabled"
                    : "Berth refused the login of '" + login.user() + "' (HTTP 401): a wrong password, a disabled"
                    + " user, or a name locked after failed logins", List.of());
        }
        String text = body == null ? "" : body.strip();
        return new ApiException(status, "HTTP " + status + (text.isEmpty() ? "" : ": "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text)), List.of());
    }

    static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
