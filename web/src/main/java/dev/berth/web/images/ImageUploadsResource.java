package dev.berth.web.images;

import dev.berth.images.boundary.Images;
import dev.berth.protocol.DownloadProof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Agents fetch an uploaded tar here. No login (web.xml leaves this path open, and agents have no API account): the
 * agent's {@link DownloadProof} in its headers is the credential, good for this one upload and host until the upload
 * expires. The load command names only the upload: no secret travels through the broker.
 */
@jakarta.ws.rs.Path("image-uploads")
@RequestScoped
public class ImageUploadsResource {

    @EJB
    Images images;

    @GET
    @jakarta.ws.rs.Path("{upload}")
    @Produces("application/x-tar")
    public Response download(@PathParam("upload") String upload,
                             @HeaderParam(DownloadProof.HOST_HEADER) String host,
                             @HeaderParam(DownloadProof.PROOF_HEADER) String proof) {
        Path tar = images.download(upload, host, proof);
        try {
            return Response.ok((StreamingOutput) out -> Files.copy(tar, out))
                    .header("Content-Length", Files.size(tar))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tar, e);
        }
    }
}
