package dev.berth.web.units;

import dev.berth.protocol.HostCleanup;
import dev.berth.units.boundary.HostCleanups;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A host's clean-up: previous containers left behind and unused images made for Berth, previewed or removed. */
@Path("hosts/{host}/cleanup")
@Tag(name = "hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class HostCleanupsResource {

    static final String EXAMPLE_PREVIEW = """
            {"host":"h1","dryRun":true,"error":null,"items":[\
            {"kind":"CONTAINER","id":"3f2a9c1b7d4e","name":"berth-aaa-8281-previous","bytes":4096,\
            "fate":"WOULD_REMOVE","note":"previous container of unit 1"},\
            {"kind":"IMAGE","id":"9df91b20b357","name":"berth/esproc-unit:0","bytes":192000000,\
            "fate":"WOULD_REMOVE","note":"made for Berth, used by no container and no unit"}]}""";

    @EJB
    HostCleanups cleanups;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Preview a host's clean-up", description = "Admin only. What POST would remove on the host:"
            + " the previous containers that recreations left behind (stopped, no start of their unit under way),"
            + " and the images made for Berth (label berth.readiness) that no container uses and no unit of the"
            + " host, nor the default image, names. Changes nothing.")
    @APIResponse(responseCode = "200", description = "Each item with its size, WOULD_REMOVE", content = @Content(
            schema = @Schema(implementation = HostCleanup.class),
            examples = @ExampleObject(name = "preview", value = EXAMPLE_PREVIEW)))
    @APIResponse(responseCode = "403", description = "only an administrator may clean up a host")
    @APIResponse(responseCode = "404", description = "no host named 'h9'")
    @APIResponse(responseCode = "503", description = "host h1 is OFFLINE; clean it up once its agent answers again")
    public HostCleanup preview(@PathParam("host") String host) {
        return cleanups.preview(host, Callers.of(security));
    }

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Clean up a host", description = "Admin only. Removes what the preview lists (as it is"
            + " now); an image the engine refuses to remove (a container came to use it) is KEPT with the reason."
            + " Audited as host.cleanup.")
    @APIResponse(responseCode = "200", description = "Each item with its size, REMOVED or KEPT", content = @Content(
            schema = @Schema(implementation = HostCleanup.class), examples = @ExampleObject(name = "applied",
            value = "{\"host\":\"h1\",\"dryRun\":false,\"error\":null,\"items\":[{\"kind\":\"CONTAINER\",\"id\":"
                    + "\"3f2a9c1b7d4e\",\"name\":\"berth-aaa-8281-previous\",\"bytes\":4096,\"fate\":\"REMOVED\","
                    + "\"note\":\"previous container of unit 1\"}]}")))
    @APIResponse(responseCode = "403", description = "only an administrator may clean up a host")
    @APIResponse(responseCode = "404", description = "no host named 'h9'")
    @APIResponse(responseCode = "503", description = "host h1 is OFFLINE; clean it up once its agent answers again")
    public HostCleanup apply(@PathParam("host") String host) {
        return cleanups.apply(host, Callers.of(security));
    }
}
