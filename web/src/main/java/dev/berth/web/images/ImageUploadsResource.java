package dev.berth.web.images;

import dev.berth.images.boundary.Images;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Agents fetch an uploaded tar here. No login (web.xml leaves this path open): the token in the agent's load command
 * is the credential, good for this one upload until it expires.
 */
@jakarta.ws.rs.Path("image-uploads")
@RequestScoped
public class ImageUploadsResource {

    @EJB
    Images images;

    @GET
    @jakarta.ws.rs.Path("{upload}")
    @Produces("application/x-tar")
    public Response download(@PathParam("upload") String upload, @QueryParam("token") String token) {
        Path tar = images.download(upload, token);
        try {
            return Response.ok((StreamingOutput) out -> Files.copy(tar, out))
                    .header("Content-Length", Files.size(tar))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tar, e);
        }
    }
}
