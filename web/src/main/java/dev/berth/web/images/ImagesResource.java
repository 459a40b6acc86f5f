package dev.berth.web.images;

import dev.berth.images.boundary.Images;
import dev.berth.platform.entity.BerthException;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
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

@Path("images")
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
    @Consumes({"application/x-tar", MediaType.APPLICATION_OCTET_STREAM})
    public Response load(InputStream tar, @QueryParam("host") String host, @Context UriInfo uri) {
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
    public List<HostLoadView> loads(@PathParam("upload") String upload) {
        return images.loads(upload, Callers.of(security)).stream().map(HostLoadView::of).toList();
    }
}
