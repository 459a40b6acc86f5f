package dev.berth.web.users;

import dev.berth.users.boundary.Users;
import dev.berth.users.boundary.Users.NewUser;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    Users users;

    @Context
    SecurityContext security;

    @POST
    public Response create(NewUser request, @Context UriInfo uri) {
        UserView created = UserView.of(users.create(request, Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    public UserView get(@PathParam("name") String name) {
        return UserView.of(users.get(name, Callers.of(security)));
    }
}
