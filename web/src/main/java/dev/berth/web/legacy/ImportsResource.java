package dev.berth.web.legacy;

import dev.berth.legacy.boundary.Imports;
import dev.berth.legacy.boundary.Imports.Kind;
import dev.berth.legacy.control.Change;
import dev.berth.web.platform.Callers;
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

/** {@code POST /api/import?kind=users|servers|unitserver&dryRun=true|false}, the file as the body. */
@Path("import")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
public class ImportsResource {

    @EJB
    Imports imports;

    @Context
    SecurityContext security;

    @POST
    public ImportView importFile(@QueryParam("kind") String kind, @QueryParam("dryRun") @DefaultValue("true")
                                 String dryRun, @QueryParam("host") String host, @QueryParam("user") String user,
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
