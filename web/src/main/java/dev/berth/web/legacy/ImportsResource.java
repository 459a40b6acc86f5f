package dev.berth.web.legacy;

import dev.berth.legacy.boundary.Imports;
import dev.berth.legacy.boundary.Imports.Kind;
import dev.berth.legacy.control.Change;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/import?kind=users|servers|unitserver&dryRun=true|false}, the file as the body. */
@Path("import")
@Tag(name = "legacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
@RetriedOnConflict
public class ImportsResource {

    @EJB
    Imports imports;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Import a legacy file", description = "docker_user.xml (kind=users), docker_server.xml"
            + " (kind=servers, with host) or unitServer.xml (kind=unitserver, with user). dryRun=true (the default)"
            + " only shows the changes; a file with any problem is refused whole, nothing written.")
    @RequestBody(required = true, content = @Content(mediaType = "application/xml", examples = @ExampleObject(
            name = "docker_user.xml", value = "<Users><User><Name>aaa</Name><Pwd>aaa-secret</Pwd>...</User></Users>")))
    @APIResponse(responseCode = "200", description = "The changes, by line", content = @Content(
            schema = @Schema(implementation = ImportView.class), examples = @ExampleObject(name = "changes", value =
            "{\"dryRun\":true,\"changes\":[{\"line\":3,\"kind\":\"user\",\"name\":\"aaa\",\"action\":\"create\","
                    + "\"detail\":\"memory 500m, cpuShares 512\"}]}")))
    @APIResponse(responseCode = "400", description = "Every problem by line; nothing written", content = @Content(
            schema = @Schema(implementation = ImportRefusal.class), examples = @ExampleObject(name = "problems", value =
            "{\"error\":\"the file has 1 problem; nothing was imported\",\"problems\":[\"line 14: no host has address"
                    + " 192.168.0.77\"]}")))
    @APIResponse(responseCode = "403", description = "only an administrator may import a legacy file")
    @APIResponse(responseCode = "413", description = "request body over 1048576 bytes for POST /api/import")
    public ImportView importFile(@Parameter(description = "users, servers or unitserver", example = "users")
                                 @QueryParam("kind") String kind,
                                 @Parameter(description = "true: show the changes; false: make them")
                                 @QueryParam("dryRun") @DefaultValue("true") String dryRun,
                                 @Parameter(description = "kind=servers: the host the file describes")
                                 @QueryParam("host") String host,
                                 @Parameter(description = "kind=unitserver: whose file it is")
                                 @QueryParam("user") String user,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, byte[] body) {
        boolean dry = switch (dryRun) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("dryRun is '" + dryRun + "'; use true (show the changes) or"
                    + " false (make them)");
        };
        Imports.Request request = new Imports.Request(Kind.of(kind), new String(body, charset(type)), host, user);
        List<Change> changes = dry ? imports.plan(request, Callers.of(security))
                : imports.apply(request, Callers.of(security));
        return new ImportView(dry, changes);
    }

    /** The body's charset: the Content-Type's, else UTF-8 (what the guide's files declare). */
    private static Charset charset(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadRequestException("charset '" + name + "' of the Content-Type is unknown; send UTF-8");
        }
    }
}
