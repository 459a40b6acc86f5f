package dev.berth.web.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API lives under {@code /api}; its contract is served at {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Berth", version = "1",
        description = "Per-user, resource-limited compute units in Docker. JSON over HTTP Basic or an API token"
                + " (Authorization: Bearer, POST /api/tokens); admins may do"
                + " everything, a user sees and acts on their own units, commands, audit records and user record only."
                + " Every refusal is a 4xx with {\"error\": \"<what was wrong and what to do>\"}."),
        security = {@SecurityRequirement(name = RestApplication.BASIC),
                @SecurityRequirement(name = RestApplication.BEARER)})
@SecurityScheme(securitySchemeName = RestApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A Berth user's name and password")
@SecurityScheme(securitySchemeName = RestApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token of a Berth user (POST /api/tokens issues one; it acts with the user's role)")
public class RestApplication extends Application {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    /**
     * Jersey holds back the first 8 KiB of every answer to compute its Content-Length, and a flush does not end
     * that: a followed log stream ({@code GET /units/{id}/logs?follow=true}) would show nothing until 8 KiB of log
     * had come. Without the buffer answers are sent chunked as they are written, and each flush reaches the client.
     * <p>
     * {@code @RolesAllowed} on resource methods is Jersey's feature (registered by name: the WAR compiles against
     * the Jakarta APIs only); it refuses before the body is read or validated.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0,
                "jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
