package dev.berth.web.batches;

import dev.berth.batches.boundary.BatchView;
import dev.berth.batches.boundary.Batches;
import dev.berth.batches.control.BatchRequest;
import dev.berth.platform.entity.BerthException;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/batches}: provisioning in bulk, as over JMS (docs/provisioning.md), for admins. */
@Path("batches")
@Tag(name = "batches", description = "Provisioning in bulk: users and units, applied item by item, exactly once")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class BatchesResource {

    static final String EXAMPLE_BATCH = """
            {"batch":"hr-2026-11-30","items":[\
            {"key":"u1","op":"user.upsert","user":{"name":"aaa","password":"aaa-secret","memory":"500m","cpuShares":512}},\
            {"key":"n1","op":"unit.ensure","unit":{"user":"aaa","host":"h1","port":8281}},\
            {"key":"s1","op":"unit.start","user":"aaa","host":"h1","port":8281}]}""";
    static final String EXAMPLE_VIEW = """
            {"batch":"hr-2026-11-30","submittedBy":"admin","createdAt":"2026-11-30T10:00:00Z",\
            "finishedAt":"2026-11-30T10:00:04Z","state":"DONE","total":3,"applied":3,"unchanged":0,"failed":0,\
            "pending":0,"items":[{"key":"u1","op":"user.upsert","outcome":"APPLIED","detail":"user aaa created",\
            "finishedAt":"2026-11-30T10:00:01Z"}]}""";

    @EJB
    Batches batches;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch", description = "Items user.upsert, unit.ensure, unit.start, unit.stop,"
            + " unit.delete, user.disable, user.delete, applied in order, each exactly once. The same batch id again"
            + " applies nothing and answers 200 with the recorded batch.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "batch", value = EXAMPLE_BATCH)))
    @APIResponse(responseCode = "202", description = "Accepted; applied from now on", content = @Content(
            schema = @Schema(implementation = BatchView.class), examples = @ExampleObject(name = "batch",
            value = EXAMPLE_VIEW)))
    @APIResponse(responseCode = "200", description = "A batch of that id was there already; nothing applied again",
            content = @Content(schema = @Schema(implementation = BatchView.class),
                    examples = @ExampleObject(name = "batch", value = EXAMPLE_VIEW)))
    @APIResponse(responseCode = "400", description = "batch hr-1 has no items: send \"items\":[{\"key\",\"op\",...}]")
    @APIResponse(responseCode = "403", description = "only an administrator may submit a batch")
    public Response submit(String body, @Context UriInfo uri) {
        return answer(BatchRequest.parse(body), uri);
    }

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(summary = "Submit a docker_user.xml as a batch", description = "Applied as POST /api/import"
            + "?kind=users&dryRun=false would, as one item; the batch id is required.")
    @RequestBody(required = true, content = @Content(mediaType = "application/xml", examples = @ExampleObject(
            name = "docker_user.xml", value = "<Users><User><Name>aaa</Name><Pwd>aaa-secret</Pwd>...</User></Users>")))
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(
            schema = @Schema(implementation = BatchView.class), examples = @ExampleObject(name = "batch",
            value = EXAMPLE_VIEW)))
    @APIResponse(responseCode = "200", description = "A batch of that id was there already", content = @Content(
            schema = @Schema(implementation = BatchView.class), examples = @ExampleObject(name = "batch",
            value = EXAMPLE_VIEW)))
    @APIResponse(responseCode = "400", description = "the batch id is missing: give ?batch=")
    @APIResponse(responseCode = "403", description = "only an administrator may submit a batch")
    public Response submitXml(@Parameter(description = "the batch id", example = "hr-2026-11-30")
                              @QueryParam("batch") String batch, byte[] body, @Context UriInfo uri) {
        return answer(BatchRequest.ofDockerUserXml(batch, new String(body, StandardCharsets.UTF_8)), uri);
    }

    private Response answer(BatchRequest request, UriInfo uri) {
        Batches.Submitted submitted = batches.submit(request, Callers.of(security), Optional.empty());
        return Response.status(submitted.created() ? 202 : 200)
                .location(uri.getBaseUriBuilder().path("batches").path(request.batch()).build())
                .entity(submitted.view()).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Read a batch", description = "Its progress and each item's outcome.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(
            schema = @Schema(implementation = BatchView.class), examples = @ExampleObject(name = "batch",
            value = EXAMPLE_VIEW)))
    @APIResponse(responseCode = "403", description = "only an administrator may read a batch")
    @APIResponse(responseCode = "404", description = "no batch with id 'hr-1'")
    public BatchView get(@PathParam("id") String id) {
        return batches.view(id, Callers.of(security));
    }

    @GET
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "List batches", description = "The newest first, without their items.")
    @APIResponse(responseCode = "200", description = "The batches", content = @Content(
            schema = @Schema(implementation = BatchView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "batches", value = "[" + EXAMPLE_VIEW + "]")))
    @APIResponse(responseCode = "400", description = "limit 0 is outside 1..500")
    @APIResponse(responseCode = "403", description = "only an administrator may list batches")
    public List<BatchView> list(@Parameter(description = "how many, 1..500", example = "50")
                                @QueryParam("limit") @DefaultValue("50") String limit) {
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("limit '" + limit + "' is no number; use 1..500");
        }
        return batches.list(max, Callers.of(security));
    }
}
