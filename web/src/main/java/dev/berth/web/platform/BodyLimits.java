package dev.berth.web.platform;

import dev.berth.platform.control.ManagerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How large a request body each endpoint takes: 64 KiB of JSON by default ({@code BERTH_API_MAX_BODY_KB}), 1 MiB for
 * a file (a configuration file, a legacy import, a batch, also through the console's import page:
 * {@code BERTH_API_MAX_FILE_BODY_KB}), and an image tar up to {@code BERTH_IMAGES_MAX_UPLOAD_MB}. A larger body is
 * refused with 413 before it is read, even before the caller's login is checked.
 */
@ApplicationScoped
public class BodyLimits {

    /** The console's page that takes a legacy file. */
    static final String IMPORT_PAGE = "/console/admin/import.xhtml";
    /** What a multipart form adds to its file: boundaries, the other fields, the view state. */
    static final long FORM_AROUND_FILE = 16 * 1024;

    @Inject
    ManagerConfig config;

    /**
     * The limit of one endpoint.
     *
     * @param bytes    the largest body taken
     * @param endpoint the endpoint, for the message
     * @param setting  the environment variable that sets it
     * @param streamed whether the endpoint streams its body itself (image tars), checking the limit as it reads
     */
    public record Limit(long bytes, String endpoint, String setting, boolean streamed) {

        /** The refusal's message: what was wrong and what to do. */
        public String message() {
            return "request body over " + bytes + " bytes for " + endpoint + "; send a smaller one"
                    + (setting == null ? "" : " (the limit is " + setting + ")");
        }
    }

    /** The limit for this request's method and path. */
    public Limit of(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String endpoint = method + " " + path;
        if ("POST".equals(method) && path.equals("/api/images")) {
            return new Limit(config.imagesMaxUploadBytes(), "POST /api/images", "BERTH_IMAGES_MAX_UPLOAD_MB", true);
        }
        if ("POST".equals(method) && (path.equals("/api/import") || path.equals("/api/batches"))
                || "PUT".equals(method) && path.matches("/api/users/[^/]+/config/[^/]+")) {
            return new Limit(config.apiMaxFileBodyBytes(), endpoint, "BERTH_API_MAX_FILE_BODY_KB", false);
        }
        if ("POST".equals(method) && path.equals(IMPORT_PAGE)) {
            // the console's import: the same file as POST /api/import, with the form's few fields around it
            return new Limit(config.apiMaxFileBodyBytes() + FORM_AROUND_FILE, endpoint, "BERTH_API_MAX_FILE_BODY_KB",
                    false);
        }
        return new Limit(config.apiMaxBodyBytes(), endpoint, "BERTH_API_MAX_BODY_KB", false);
    }

    /** Answers 413 with the API's JSON error, and closes the connection: the body is never read. */
    public static void refuse(HttpServletResponse response, Limit limit) throws IOException {
        response.setStatus(413);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + limit.message().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
        response.flushBuffer();
    }
}
