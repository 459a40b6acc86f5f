package dev.berth.web.users;

import dev.berth.users.boundary.Users;
import dev.berth.users.boundary.Users.NewUser;
import dev.berth.users.boundary.Users.PasswordChange;
import dev.berth.users.control.UnitIsolation;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    Users users;

    @Inject
    UnitIsolation isolation;

    @Context
    SecurityContext security;

    /** The body of {@code PUT /users/{name}/allowed-clients}; {@code null} list: back to the default. */
    public record AllowedClients(List<String> allowedClients) {
    }

    /** The body of {@code PUT /users/{name}/disk}; {@code null}: back to the default. */
    public record Disk(String disk) {
    }

    @POST
    public Response create(NewUser request, @Context UriInfo uri) {
        UserView created = UserView.of(users.create(request, Callers.of(security)), isolation);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /** Every user for an admin; a user gets a list of their own record only. */
    @GET
    public List<UserView> all() {
        return users.visibleTo(Callers.of(security)).stream().map(u -> UserView.of(u, isolation)).toList();
    }

    @GET
    @Path("{name}")
    public UserView get(@PathParam("name") String name) {
        return UserView.of(users.get(name, Callers.of(security)), isolation);
    }

    @PUT
    @Path("{name}/allowed-clients")
    public UserView allowClients(@PathParam("name") String name, AllowedClients request) {
        List<String> networks = request == null ? null : request.allowedClients();
        return UserView.of(users.allowClients(name, networks, Callers.of(security)), isolation);
    }

    @PUT
    @Path("{name}/disk")
    public UserView limitDisk(@PathParam("name") String name, Disk request) {
        return UserView.of(users.limitDisk(name, request == null ? null : request.disk(), Callers.of(security)),
                isolation);
    }

    /**
     * A user changes their own password ({@code {"current","new"}}); an admin resets anyone else's
     * ({@code {"new"}}). The old password stops working at once.
     */
    @PUT
    @Path("{name}/password")
    public UserView changePassword(@PathParam("name") String name, PasswordChange change) {
        return UserView.of(users.changePassword(name, change, Callers.of(security)), isolation);
    }

    /** The user can no longer log in; their running units are stopped (listed in the answer and the audit trail). */
    @POST
    @Path("{name}/disable")
    public Disabled disable(@PathParam("name") String name) {
        return new Disabled(name, true, users.disable(name, Callers.of(security)));
    }

    @POST
    @Path("{name}/enable")
    public UserView enable(@PathParam("name") String name) {
        return UserView.of(users.enable(name, Callers.of(security)), isolation);
    }

    /** 204; 409 while the user still has units. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        users.delete(name, Callers.of(security));
        return Response.noContent().build();
    }

    /**
     * The answer to a disable.
     *
     * @param stoppedUnits the units a STOP was sent for
     */
    public record Disabled(String name, boolean disabled, List<Long> stoppedUnits) {
    }
}
