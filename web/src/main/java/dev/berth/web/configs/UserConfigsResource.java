package dev.berth.web.configs;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.web.platform.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /users/{name}/config}: the user's {@code raqsoftConfig.xml} and {@code unitServer.xml}, generated unless an
 * admin edited them. A file's body is its XML; the header {@code X-Berth-Config} says {@code generated} or
 * {@code edited}.
 */
@Path("users/{name}/config")
@Tag(name = "configs", description = "A user's esProc files: raqsoftConfig.xml and unitServer.xml")
@RequestScoped
public class UserConfigsResource {

    static final String ORIGIN = "X-Berth-Config";

    @EJB
    UserConfigs configs;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "List a user's configuration files", description = "Admin or the user themselves.")
    @APIResponse(responseCode = "200", description = "Both files, generated or edited", content = @Content(
            schema = @Schema(implementation = ConfigFileView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "files", value = "[{\"user\":\"aaa\",\"name\":\"unitServer.xml\",\"edited\":true,\"updatedBy\":\"admin\",\"updatedAt\":\"2026-11-29T10:00:00Z\",\"characters\":412}]")))
    @APIResponse(responseCode = "403", description = "bbb may read only their own configuration files")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ConfigFileView> all(@PathParam("name") String user) {
        return configs.all(user, Callers.of(security)).stream().map(ConfigFileView::of).toList();
    }

    @GET
    @Path("{file}")
    @Operation(summary = "Read a configuration file", description = "The XML; header X-Berth-Config says generated or"
            + " edited.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/xml",
            examples = @ExampleObject(name = "unitServer.xml", value = "<SERVER Version=\"3\"><Hosts><Host ip=\"127.0.0.1\""
                    + " port=\"8281\" maxTaskNum=\"2\" preferredTaskNum=\"1\"/></Hosts>...</SERVER>")))
    @APIResponse(responseCode = "403", description = "bbb may read only their own configuration files")
    @APIResponse(responseCode = "404", description = "no configuration file 'x.xml'; use raqsoftConfig.xml or"
            + " unitServer.xml")
    @Produces(MediaType.APPLICATION_XML + ";charset=UTF-8")
    public Response get(@PathParam("name") String user, @PathParam("file") String file) {
        UserConfigs.File found = configs.get(user, file, Callers.of(security));
        return Response.ok(found.content()).header(ORIGIN, found.edited() ? "edited" : "generated").build();
    }

    @PUT
    @Path("{file}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Edit a user's configuration file", description = "Refused, with the line, when esProc would"
            + " not take it. Used from the unit's next start.")
    @RequestBody(required = true, content = @Content(mediaType = "application/xml", examples = @ExampleObject(
            name = "unitServer.xml", value = "<SERVER Version=\"3\">...</SERVER>")))
    @APIResponse(responseCode = "200", description = "What is stored now", content = @Content(
            schema = @Schema(implementation = ConfigFileView.class), examples = @ExampleObject(name = "file", value = "{\"user\":\"aaa\",\"name\":\"unitServer.xml\",\"edited\":true,\"updatedBy\":\"admin\",\"updatedAt\":\"2026-11-29T10:00:00Z\",\"characters\":412}")))
    @APIResponse(responseCode = "400", description = "line 3: no Host for unit 1 (127.0.0.1:8281)")
    @APIResponse(responseCode = "403", description = "only an administrator may edit a user's configuration file")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    @APIResponse(responseCode = "413", description = "request body over 1048576 bytes")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public ConfigFileView edit(@PathParam("name") String user, @PathParam("file") String file, String content) {
        return ConfigFileView.of(configs.edit(user, file, content, Callers.of(security)));
    }

    @DELETE
    @Path("{file}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Revert a user's configuration file", description = "Back to the generated file.")
    @APIResponse(responseCode = "200", description = "What is stored now", content = @Content(
            schema = @Schema(implementation = ConfigFileView.class), examples = @ExampleObject(name = "file", value = "{\"user\":\"aaa\",\"name\":\"unitServer.xml\",\"edited\":true,\"updatedBy\":\"admin\",\"updatedAt\":\"2026-11-29T10:00:00Z\",\"characters\":412}")))
    @APIResponse(responseCode = "403", description = "only an administrator may revert a user's configuration file")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    @Produces(MediaType.APPLICATION_JSON)
    public ConfigFileView revert(@PathParam("name") String user, @PathParam("file") String file) {
        return ConfigFileView.of(configs.revert(user, file, Callers.of(security)));
    }
}
