package dev.berth.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** Berth's REST API as a client sees it: JSON over HTTP with Basic authentication, or an API token. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;

    /** A client of the API at {@code base} (e.g. {@code http://127.0.0.1:8080/api}); no login when {@code user} is null. */
    public Api(String base, String user, String password) {
        this(base, user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client of the API at {@code base} that logs in with an API token ({@code Authorization: Bearer}). */
    public static Api withToken(String base, String token) {
        return new Api(base, "Bearer " + token);
    }

    /** An answer: status and body. */
    public record Reply(int status, String body) {

        public JsonObject json() {
            return (JsonObject) value();
        }

        public JsonArray array() {
            return (JsonArray) value();
        }

        public String error() {
            return json().getString("error");
        }

        /** This reply, or an exception saying what was asked and answered when the status is not {@code expected}. */
        public Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + ": " + body);
            }
            return this;
        }

        private JsonValue value() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST of another body than JSON, such as an XML file. */
    public Reply post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** PUT with a body of the given media type, e.g. a configuration file as {@code application/xml}. */
    public Reply put(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PATCH with a JSON body. */
    public Reply patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Posts a file as the body, streamed, with the given content type. */
    public Reply postFile(String path, Path file, String contentType) {
        try {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply postBytes(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
