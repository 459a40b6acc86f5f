package dev.berth.web.configs;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /users/{name}/config}: the user's {@code raqsoftConfig.xml} and {@code unitServer.xml}, generated unless an
 * admin edited them. A file's body is its XML; the header {@code X-Berth-Config} says {@code generated} or
 * {@code edited}. Under {@code {file}/versions}: every saved version of the file, its content, a diff between two,
 * and (admins) saving an older one again.
 */
@Path("users/{name}/config")
@Tag(name = "configs", description = "A user's esProc files: raqsoftConfig.xml and unitServer.xml")
@RequestScoped
@RetriedOnConflict
public class UserConfigsResource {

    static final String ORIGIN = "X-Berth-Config";
    static final String EXAMPLE_FILE = "{\"user\":\"aaa\",\"name\":\"unitServer.xml\",\"edited\":true,\"updatedBy\":"
            + "\"admin\",\"updatedAt\":\"2026-11-29T10:00:00Z\",\"characters\":412}";

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

    @GET
    @Path("{file}/versions")
    @Operation(summary = "List a configuration file's versions", description = "Admin or the user themselves. Every"
            + " save (an edit, a revert to the generated file, a revert to an older version), newest first, without"
            + " content.")
    @APIResponse(responseCode = "200", description = "The versions, newest first", content = @Content(
            schema = @Schema(implementation = ConfigVersionView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "versions", value = "[{\"user\":\"aaa\",\"name\":\"unitServer.xml\","
                    + "\"number\":2,\"summary\":\"reverted to version 1 (+1 -1 lines)\",\"createdBy\":\"admin\","
                    + "\"createdAt\":\"2026-11-29T11:00:00Z\"},{\"user\":\"aaa\",\"name\":\"unitServer.xml\","
                    + "\"number\":1,\"summary\":\"edited (+1 -1 lines)\",\"createdBy\":\"admin\",\"createdAt\":"
                    + "\"2026-11-29T10:00:00Z\"}]")))
    @APIResponse(responseCode = "403", description = "bbb may read only their own configuration files")
    @APIResponse(responseCode = "404", description = "no configuration file 'x.xml'; a user has [raqsoftConfig.xml,"
            + " unitServer.xml]")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ConfigVersionView> versions(@PathParam("name") String user, @PathParam("file") String file) {
        return configs.versions(user, file, Callers.of(security)).stream().map(ConfigVersionView::of).toList();
    }

    @GET
    @Path("{file}/versions/{number}")
    @Operation(summary = "Read a version of a configuration file", description = "Admin or the user themselves. The"
            + " XML as it was saved.")
    @APIResponse(responseCode = "200", description = "The version's content", content = @Content(
            mediaType = "application/xml", examples = @ExampleObject(name = "unitServer.xml", value = "<SERVER"
                    + " Version=\"3\"><Hosts><Host ip=\"127.0.0.1\" port=\"8281\" maxTaskNum=\"2\""
                    + " preferredTaskNum=\"1\"/></Hosts>...</SERVER>")))
    @APIResponse(responseCode = "403", description = "bbb may read only their own configuration files")
    @APIResponse(responseCode = "404", description = "no version 7 of aaa's unitServer.xml; GET its versions for the"
            + " numbers there are")
    @Produces(MediaType.APPLICATION_XML + ";charset=UTF-8")
    public String version(@PathParam("name") String user, @PathParam("file") String file,
                          @PathParam("number") int number) {
        return configs.version(user, file, number, Callers.of(security)).content();
    }

    @GET
    @Path("{file}/versions/{number}/diff")
    @Operation(summary = "Compare a version of a configuration file", description = "Admin or the user themselves. A"
            + " unified diff (diff -u) from another version (against), or from the file as it is now, to this"
            + " version: what saving this version again would change. Empty when their lines are the same.")
    @APIResponse(responseCode = "200", description = "The unified diff", content = @Content(mediaType = "text/plain",
            examples = @ExampleObject(name = "diff", value = "--- unitServer.xml (now)\n+++ unitServer.xml (version"
                    + " 1)\n@@ -1,3 +1,3 @@\n <SERVER Version=\"3\">\n-<TempTimeOut>24</TempTimeOut>\n+<TempTimeOut>12"
                    + "</TempTimeOut>\n <Interval>0</Interval>\n")))
    @APIResponse(responseCode = "403", description = "bbb may read only their own configuration files")
    @APIResponse(responseCode = "404", description = "no version 7 of aaa's unitServer.xml; GET its versions for the"
            + " numbers there are")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String diff(@PathParam("name") String user, @PathParam("file") String file,
                       @PathParam("number") int number,
                       @Parameter(description = "the version to compare with; default: the file as it is now",
                               example = "1") @QueryParam("against") Integer against) {
        return configs.diff(user, file, number, against, Callers.of(security));
    }

    @POST
    @Path("{file}/versions/{number}/revert")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Save an older version of a configuration file again", description = "Its content becomes"
            + " the file's next version, once esProc would still take it (the user's units may have changed since)."
            + " Used from the units' next start.")
    @APIResponse(responseCode = "200", description = "What is stored now", content = @Content(
            schema = @Schema(implementation = ConfigFileView.class), examples = @ExampleObject(name = "file",
            value = EXAMPLE_FILE)))
    @APIResponse(responseCode = "400", description = "line 3: no Host for unit 2 (127.0.0.1:8282)")
    @APIResponse(responseCode = "403", description = "only an administrator may revert a user's configuration file")
    @APIResponse(responseCode = "404", description = "no version 7 of aaa's unitServer.xml; GET its versions for the"
            + " numbers there are")
    @APIResponse(responseCode = "409", description = "another save of aaa's unitServer.xml came at the same moment;"
            + " read the file again, then save")
    @Produces(MediaType.APPLICATION_JSON)
    public ConfigFileView revertTo(@PathParam("name") String user, @PathParam("file") String file,
                                   @PathParam("number") int number) {
        return ConfigFileView.of(configs.revertTo(user, file, number, Callers.of(security)));
    }
}
