package dev.berth.web.users;

import dev.berth.users.boundary.ApiTokens;
import dev.berth.users.boundary.ApiTokens.NewToken;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("tokens")
@Tag(name = "tokens", description = "API tokens for scripts: Authorization: Bearer <token> instead of a password")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class TokensResource {

    static final String EXAMPLE_TOKEN = """
            {"id":12,"name":"nightly backup","user":"aaa","createdAt":"2026-11-29T10:00:00Z",\
            "expiresAt":"2027-02-27T10:00:00Z"}""";
    static final String EXAMPLE_ISSUED = """
            {"id":12,"name":"nightly backup","user":"aaa","createdAt":"2026-11-29T10:00:00Z",\
            "expiresAt":"2027-02-27T10:00:00Z","token":"berth_q3Yx0Ps6bJm1m8H2Kq1mWz3x7eV0cQ8rT5nL4aYhU2s"}""";

    @EJB
    ApiTokens tokens;

    @Context
    SecurityContext security;

    @POST
    @Operation(summary = "Issue an API token", description = "A token of the caller's own (logged in with a"
            + " password or another token), for scripts: send it as Authorization: Bearer <token>. The answer holds"
            + " the token this once; Berth keeps only its SHA-256. It acts with the caller's role as it is at each"
            + " request, ends when revoked, when it expires (days, at most BERTH_TOKEN_MAX_DAYS, the default) or"
            + " when its user is disabled or deleted.")
    @RequestBody(content = @Content(schema = @Schema(implementation = NewToken.class),
            examples = @ExampleObject(name = "token", value = "{\"name\":\"nightly backup\",\"days\":30}")))
    @APIResponse(responseCode = "201", description = "The token, with its secret (shown once)",
            content = @Content(schema = @Schema(implementation = IssuedToken.class),
                    examples = @ExampleObject(name = "issued", value = EXAMPLE_ISSUED)))
    @APIResponse(responseCode = "400", description = "days 400 is outside 1..90 (the longest lifetime is"
            + " BERTH_TOKEN_MAX_DAYS)")
    @APIResponse(responseCode = "409", description = "aaa holds 50 tokens, the most a user may; revoke one first"
            + " (DELETE /api/tokens/{id})")
    public Response issue(NewToken request, @Context UriInfo uri) {
        IssuedToken issued = IssuedToken.of(tokens.issue(request, Callers.of(security)));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(issued.id())).build())
                .cacheControl(noStore).entity(issued).build();
    }

    @GET
    @Operation(summary = "List API tokens", description = "The caller's own tokens; an admin sees every user's."
            + " Never a token's secret.")
    @APIResponse(responseCode = "200", description = "The tokens, by user and id", content = @Content(
            schema = @Schema(implementation = TokenView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "tokens", value = "[" + EXAMPLE_TOKEN + "]")))
    public List<TokenView> all() {
        return tokens.visibleTo(Callers.of(security)).stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token", description = "The caller's own, or as an admin anyone's; it stops"
            + " working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", description = "bbb may revoke only their own tokens")
    @APIResponse(responseCode = "404", description = "no token 12 (GET /api/tokens lists yours)")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id, Callers.of(security));
        return Response.noContent().build();
    }
}
