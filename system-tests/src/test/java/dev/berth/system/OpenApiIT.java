package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.web.platform.RestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract at {@code /openapi}, read anonymously as the README tells a newcomer to: every resource method of
 * every JAX-RS class of the manager is in it, with a summary, its answers (a success with an example, the error
 * statuses with the API's error body, 401 where a login is needed), and an example of its request body. A new
 * endpoint without its documentation fails here.
 */
@ExtendWith(RunningBerth.class)
class OpenApiIT {

    private final RunningBerth berth;

    OpenApiIT(RunningBerth berth) {
        this.berth = berth;
    }

    /** One resource method: its HTTP method, its path under the application, and whether it takes a body. */
    record Endpoint(String method, String path, boolean body, Method javaMethod) {

        @Override
        public String toString() {
            return method + " /api" + path + " (" + javaMethod.getDeclaringClass().getSimpleName() + "."
                    + javaMethod.getName() + ")";
        }
    }

    @Test
    void documentsEveryResourceMethodWithSummaryAnswersAndExamples() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.url() + "/openapi")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as("anonymous /openapi").isEqualTo(200);
        JsonObject contract = Json.createReader(new StringReader(served.body())).readObject();
        JsonObject paths = contract.getJsonObject("paths");
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the resource methods found").hasSizeGreaterThan(30);

        List<String> problems = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Optional<JsonObject> operation = operation(paths, endpoint);
            if (operation.isEmpty()) {
                problems.add(endpoint + ": not in /openapi");
                continue;
            }
            JsonObject op = operation.get();
            if (op.getString("summary", "").isBlank()) {
                problems.add(endpoint + ": no summary");
            }
            JsonObject responses = op.getJsonObject("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(endpoint + ": no success answer");
                continue;
            }
            for (String code : responses.keySet()) {
                JsonObject response = responses.getJsonObject(code);
                if (response.getString("description", "").isBlank()) {
                    problems.add(endpoint + ": answer " + code + " has no description");
                }
                boolean hasContent = response.containsKey("content");
                if (code.startsWith("2") && hasContent && !hasAnExample(response)) {
                    problems.add(endpoint + ": answer " + code + " has no example");
                }
                if ((code.startsWith("4") || code.startsWith("5")) && !hasContent) {
                    problems.add(endpoint + ": error " + code + " has no body");
                }
            }
            // web.xml leaves only the agents' download of an image tar open
            boolean anonymous = endpoint.path().startsWith("/image-uploads/");
            if (!anonymous && !responses.containsKey("401")) {
                problems.add(endpoint + ": no 401");
            }
            if (endpoint.body()) {
                JsonObject body = op.getJsonObject("requestBody");
                if (body == null || !hasAnExample(body)) {
                    problems.add(endpoint + ": request body without an example");
                }
            }
        }
        assertThat(problems).as("undocumented in /openapi").isEmpty();

        JsonObject basic = contract.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic");
        assertThat(basic.getString("type")).isEqualTo("http");
        assertThat(basic.getString("scheme")).isEqualTo("basic");
        assertThat(contract.getJsonObject("components").getJsonObject("schemas")).containsKey("Error");
    }

    /** At least one example, under one of the media types (Payara may add the bare @Produces type beside ours). */
    private static boolean hasAnExample(JsonObject holder) {
        JsonObject content = holder.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            return false;
        }
        return content.values().stream().map(JsonValue::asJsonObject).anyMatch(media ->
                media.containsKey("example") || media.containsKey("examples")
                        && !media.getJsonObject("examples").isEmpty());
    }

    /** The operation of an endpoint, whether the contract writes its paths with the application path or not. */
    private static Optional<JsonObject> operation(JsonObject paths, Endpoint endpoint) {
        return Stream.of("/api" + endpoint.path(), endpoint.path())
                .filter(paths::containsKey)
                .map(paths::getJsonObject)
                .map(item -> item.getJsonObject(endpoint.method().toLowerCase(Locale.ROOT)))
                .filter(op -> op != null)
                .findFirst();
    }

    /** Every resource method of every JAX-RS class of the manager, read from its classes. */
    static List<Endpoint> endpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = "/" + root.value() + (sub == null ? "" : "/" + sub.value());
                endpoints.add(new Endpoint(http, path.replaceAll("/+", "/").replaceAll("/$", ""),
                        takesBody(method), method));
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A parameter without any JAX-RS annotation is the request body. */
    private static boolean takesBody(Method method) {
        for (Parameter parameter : method.getParameters()) {
            boolean bound = Stream.of(parameter.getAnnotations()).anyMatch(a ->
                    a.annotationType().getPackageName().equals(Path.class.getPackageName())
                            || a.annotationType().equals(Context.class));
            if (!bound) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classNames() throws IOException, URISyntaxException {
        java.nio.file.Path location = java.nio.file.Path.of(RestApplication.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<java.nio.file.Path> files = Files.walk(location)) {
                files.map(f -> location.relativize(f).toString()).forEach(f -> addClass(names, f));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().forEach(entry -> addClass(names, entry.getName()));
            }
        }
        return names;
    }

    private static void addClass(List<String> names, String file) {
        if (file.startsWith("dev/berth/web/") && file.endsWith(".class") && !file.contains("$")) {
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.'));
        }
    }
}
