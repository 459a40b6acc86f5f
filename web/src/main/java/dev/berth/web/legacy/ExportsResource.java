package dev.berth.web.legacy;

import dev.berth.legacy.boundary.Exports;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/export/users|servers|unitserver}: Berth's state as the legacy files, UTF-8 XML. */
@Path("export")
@Tag(name = "legacy", description = "The admin guide's files: docker_user.xml, docker_server.xml, unitServer.xml")
@RequestScoped
@Produces("application/xml;charset=UTF-8")
@RetriedOnConflict
public class ExportsResource {

    @EJB
    Exports exports;

    @Context
    SecurityContext security;

    @GET
    @Path("users")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Export users as docker_user.xml", description = "Every user and their units; <Pwd> holds"
            + " the stored hash, never a clear password.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/xml",
            examples = @ExampleObject(name = "docker_user.xml", value = "<Users><User><Name>aaa</Name>...</User></Users>")))
    @APIResponse(responseCode = "403", description = "only an administrator may export users as docker_user.xml")

    public Response users() {
        return file(exports.users(Callers.of(security)), "docker_user.xml");
    }

    @GET
    @Path("servers")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Export a host as docker_server.xml")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/xml",
            examples = @ExampleObject(name = "docker_server.xml", value = "<Server><IP>10.0.0.5</IP>...</Server>")))
    @APIResponse(responseCode = "403", description = "only an administrator may export a host as docker_server.xml")
    @APIResponse(responseCode = "404", description = "no host named 'h1'")
    public Response servers(@Parameter(description = "the host", example = "h1") @QueryParam("host") String host) {
        return file(exports.server(host, Callers.of(security)), "docker_server.xml");
    }

    @GET
    @Path("unitserver")
    @Operation(summary = "Export a user's unitServer.xml", description = "Admin or the user themselves.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/xml",
            examples = @ExampleObject(name = "unitServer.xml", value = "<SERVER Version=\"3\"><Hosts>...</Hosts></SERVER>")))
    @APIResponse(responseCode = "403", description = "bbb may export only their own unitServer.xml")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    public Response unitServer(@Parameter(description = "the user", example = "aaa") @QueryParam("user") String user) {
        return file(exports.unitServer(user, Callers.of(security)), "unitServer.xml");
    }

    private static Response file(String xml, String name) {
        return Response.ok(xml).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
