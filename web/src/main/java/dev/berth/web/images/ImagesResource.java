package dev.berth.web.images;

import dev.berth.images.boundary.Images;
import dev.berth.platform.entity.BerthException;
import dev.berth.web.platform.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("images")
@Tag(name = "images", description = "Loading image tars onto hosts without a registry")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {

    @EJB
    Images images;

    @Context
    SecurityContext security;

    /**
     * Loads the tar in the body onto {@code host} (a name, or {@code all}); 202 with the upload and its commands.
     * A refusal reads the rest of the body first: a client still sending it would otherwise wait for ever.
     */
    @POST
    @Operation(summary = "Load an image tar onto hosts", description = "The body is a docker save tar (at most"
            + " BERTH_IMAGES_MAX_UPLOAD_MB); each target host's agent fetches it from the manager and loads it.")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-tar",
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "tar", description = "curl --data-binary @unit.tar", value = "<the tar>")))
    @APIResponse(responseCode = "202", description = "The upload and each host's load command", content = @Content(
            schema = @Schema(implementation = LoadAccepted.class), examples = @ExampleObject(name = "accepted",
                    value = "{\"upload\":\"u-3f2a\",\"commands\":[{\"host\":\"h1\",\"command\":\"6f1c2a4e\"}]}")))
    @APIResponse(responseCode = "400", description = "say where to load it: host=<name> or host=all")
    @APIResponse(responseCode = "403", description = "only an administrator may load an image tar onto hosts")
    @APIResponse(responseCode = "413", description = "request body over 4294967296 bytes for POST /api/images")
    @Consumes({"application/x-tar", MediaType.APPLICATION_OCTET_STREAM})
    public Response load(InputStream tar, @QueryParam("host") String host, @Context UriInfo uri) {
        if (!security.isUserInRole(Callers.ADMIN)) {
            // not @RolesAllowed: that refusal comes before the body is read, and a client still sending a large tar
            // would wait for ever; this one reads the rest first, and answers the same 403
            discardRest(tar);
            throw new ForbiddenException();
        }
        LoadAccepted accepted;
        try {
            accepted = LoadAccepted.of(images.load(tar, host, Callers.of(security)));
        } catch (BerthException refused) {
            discardRest(tar);
            throw refused;
        }
        return Response.accepted(accepted)
                .location(uri.getBaseUriBuilder().path("images/loads/{upload}").build(accepted.upload()))
                .build();
    }

    private static void discardRest(InputStream tar) {
        try {
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException gone) {
            // the client gave up: nothing left to read
        }
    }

    @GET
    @Path("loads/{upload}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "See an image load", description = "Per host: PENDING, SUCCEEDED (with the images),"
            + " FAILED (with the error) or EXPIRED.")
    @APIResponse(responseCode = "200", description = "Each host's load", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = HostLoadView.class,
                    type = SchemaType.ARRAY), examples = @ExampleObject(name = "loads", value = "[{\"host\":\"h1\",\"command\":\"6f1c2a4e-0b7d-4c55-9a63-3e1f0d2b9c10\",\"state\":\"SUCCEEDED\",\"images\":[\"berth/esproc-unit:1\"],\"error\":null}]"))})
    @APIResponse(responseCode = "403", description = "only an administrator may see an image load")
    @APIResponse(responseCode = "404", description = "no image upload u-3f2a")
    public List<HostLoadView> loads(@PathParam("upload") String upload) {
        return images.loads(upload, Callers.of(security)).stream().map(HostLoadView::of).toList();
    }
}
