package dev.berth.web.commands;

import dev.berth.commands.boundary.Commands;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("commands")
@Tag(name = "commands", description = "What was asked of an agent, and how it ended")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class CommandsResource {

    @EJB
    Commands commands;

    @Context
    SecurityContext security;

    @GET
    @Path("{id}")
    @Operation(summary = "Read a command", description = "Admin or the owner of its unit. PENDING until the agent"
            + " answers; EXPIRED when it did not in time.")
    @APIResponse(responseCode = "200", description = "The command", content = @Content(
            schema = @Schema(implementation = CommandView.class), examples = @ExampleObject(name = "command", value =
            "{\"id\":\"6f1c2a4e-0b7d-4c55-9a63-3e1f0d2b9c10\",\"type\":\"START\",\"unit\":1,\"host\":\"h1\","
                    + "\"actor\":\"admin\",\"state\":\"SUCCEEDED\",\"result\":\"RUNNING, container 3f2a9c1b7d4e\","
                    + "\"createdAt\":\"2026-11-29T10:00:00Z\",\"finishedAt\":\"2026-11-29T10:00:02Z\"}")))
    @APIResponse(responseCode = "403", description = "command 6f1c2a4e concerns another user's unit")
    @APIResponse(responseCode = "404", description = "no command 6f1c2a4e")
    public CommandView get(@PathParam("id") String id) {
        return CommandView.of(commands.get(id, Callers.of(security)));
    }
}
