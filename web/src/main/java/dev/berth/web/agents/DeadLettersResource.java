package dev.berth.web.agents;

import dev.berth.agents.boundary.DeadLetter;
import dev.berth.agents.boundary.DeadLetterQueue;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("dead-letters")
@Tag(name = "dead-letters", description = "Messages that could not be understood or applied, kept for an admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class DeadLettersResource {

    static final String EXAMPLE = "{\"id\":\"4b0e8f2a-9c1d-11f0-8a3e-0242ac110002\",\"origin\":\"berth.results\","
            + "\"reason\":\"the message body is not a valid AgentResult: Unexpected char 49\",\"movedByBroker\":false,"
            + "\"type\":\"RESULT\",\"commandId\":\"6f1c2a4e-0b7d-4c55-9a63-3e1f0d2b9c10\",\"unitId\":1,"
            + "\"sender\":\"agent-h1\",\"at\":\"2026-11-29T10:00:02Z\",\"deliveryCount\":1,\"body\":\"[1, 2\","
            + "\"bodyLength\":4}";

    @EJB
    DeadLetterQueue queue;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "List the dead letters", description = "Oldest first, at most 500 (their count is in"
            + " /health and the metric berth_jms_dead_letters). A letter kept by Berth says why in 'reason'; one the"
            + " broker moved after its last delivery attempt has 'movedByBroker' true. Bodies are cut at 500"
            + " characters ('bodyLength' is the whole).")
    @APIResponse(responseCode = "200", description = "The dead letters", content = @Content(schema = @Schema(
            type = SchemaType.ARRAY, implementation = DeadLetter.class), examples = @ExampleObject(name = "letters",
            value = "[" + EXAMPLE + "]")))
    @APIResponse(responseCode = "403", description = "only an administrator may see and handle dead letters")
    public List<DeadLetter> list() {
        return queue.list(Callers.of(security));
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Replay a dead letter", description = "Puts it back on the queue it came from"
            + " (berth.results, or the command queue of a host that still exists), in one transaction with its"
            + " removal from the DLQ and the audit record deadletter.replay. A replayed result counts as sent by the"
            + " agent that sent it first. If it still cannot be understood, it comes back to the DLQ under a new id.")
    @APIResponse(responseCode = "200", description = "The letter, as it was before the replay", content = @Content(
            schema = @Schema(implementation = DeadLetter.class), examples = @ExampleObject(name = "letter",
            value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "'x' is no dead letter's id (a UUID, as GET /api/dead-letters"
            + " lists them)")
    @APIResponse(responseCode = "403", description = "only an administrator may see and handle dead letters")
    @APIResponse(responseCode = "404", description = "no dead letter 4b0e8f2a-9c1d-11f0-8a3e-0242ac110002")
    @APIResponse(responseCode = "409", description = "dead letter 4b0e8f2a-... is a command for host h2, which no"
            + " longer exists; it can only be discarded")
    public DeadLetter replay(@PathParam("id") String id) {
        return queue.replay(id, Callers.of(security));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Discard a dead letter", description = "Removes it for good; audited as"
            + " deadletter.discard with what it was.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "400", description = "'x' is no dead letter's id (a UUID, as GET /api/dead-letters"
            + " lists them)")
    @APIResponse(responseCode = "403", description = "only an administrator may see and handle dead letters")
    @APIResponse(responseCode = "404", description = "no dead letter 4b0e8f2a-9c1d-11f0-8a3e-0242ac110002")
    public Response discard(@PathParam("id") String id) {
        queue.discard(id, Callers.of(security));
        return Response.noContent().build();
    }
}
