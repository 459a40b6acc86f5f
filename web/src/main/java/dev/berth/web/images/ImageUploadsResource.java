package dev.berth.web.images;

import dev.berth.images.boundary.Images;
import dev.berth.protocol.DownloadProof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agents fetch an uploaded tar here. No login (web.xml leaves this path open, and agents have no API account): the
 * agent's {@link DownloadProof} in its headers is the credential, good for this one upload and host until the upload
 * expires. The load command names only the upload: no secret travels through the broker.
 */
@jakarta.ws.rs.Path("image-uploads")
@Tag(name = "images")
@RequestScoped
public class ImageUploadsResource {

    @EJB
    Images images;

    @GET
    @jakarta.ws.rs.Path("{upload}")
    @SecurityRequirementsSet
    @Operation(summary = "Download an uploaded tar (agents)", description = "No login: the agent's download proof in"
            + " its headers is the credential, good for this upload and host until the upload expires.")
    @APIResponse(responseCode = "200", description = "The tar", content = @Content(mediaType = "application/x-tar",
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "tar", value = "<the tar>")))
    @APIResponse(responseCode = "403", description = "no image upload u-3f2a for this agent: send the headers of its"
            + " download proof")
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
