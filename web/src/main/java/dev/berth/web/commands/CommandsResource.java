package dev.berth.web.commands;

import dev.berth.commands.boundary.Commands;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("commands")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CommandsResource {

    @EJB
    Commands commands;

    @Context
    SecurityContext security;

    @GET
    @Path("{id}")
    public CommandView get(@PathParam("id") String id) {
        return CommandView.of(commands.get(id, Callers.of(security)));
    }
}
