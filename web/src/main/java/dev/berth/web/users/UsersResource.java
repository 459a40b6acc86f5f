package dev.berth.web.users;

import dev.berth.users.boundary.Users;
import dev.berth.users.boundary.Users.NewUser;
import dev.berth.users.boundary.Users.PasswordChange;
import dev.berth.users.control.UnitIsolation;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("users")
@Tag(name = "users", description = "Users: their limits, quotas, home, password, and who may reach their units")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class UsersResource {

    static final String EXAMPLE_NEW_USER = """
            {"name":"aaa","alias":"张三","password":"aaa-secret","memory":"500m","cpuShares":512,"maxUnits":4,\
            "allowedClients":["10.1.0.0/16"],"disk":"4g"}""";
    static final String EXAMPLE_USER = """
            {"name":"aaa","alias":"张三","role":"USER","memory":"500m","memoryBytes":524288000,"cpuShares":512,\
            "home":"/var/lib/berth/homes/aaa","maxUnits":4,"maxMemory":null,"uid":20002,\
            "allowedClients":["10.1.0.0/16"],"allowedClientsDefault":false,"disk":"4g","diskBytes":4294967296,\
            "disabled":false,"passwordChangedAt":"2026-11-29T10:00:00Z","createdAt":"2026-11-29T10:00:00Z",\
            "source":"local","profile":null}""";

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
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Create a user", description = "A user with their memory limit (swap included) and CPU"
            + " shares; optional: home (below BERTH_HOMES_ALLOWED_ROOTS), quotas maxUnits and maxMemory, the networks"
            + " that may reach their units, the size of their home on each host. The password is stored as a PBKDF2"
            + " hash and never answered.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewUser.class),
            examples = @ExampleObject(name = "user", value = EXAMPLE_NEW_USER)))
    @APIResponse(responseCode = "201", description = "The user, with uid and the effective allowedClients and disk",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "400", description = "name 'x y' is not a valid login name: use 1 to 64 letters,"
            + " digits, '.', '_' or '-', starting with a letter or digit")
    @APIResponse(responseCode = "403", description = "only an administrator may create a user")
    @APIResponse(responseCode = "409", description = "user 'aaa' already exists; choose another name")
    public Response create(@Valid @NotNull(message = NewUser.MISSING) NewUser request, @Context UriInfo uri) {
        UserView created = UserView.of(users.create(request, Callers.of(security)), isolation);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List users", description = "Admins see every user, by name; a user gets a list of their"
            + " own record only.")
    @APIResponse(responseCode = "200", description = "The users (never a password's hash)", content = @Content(
            schema = @Schema(implementation = UserView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "users", value = "[" + EXAMPLE_USER + "]")))
    public List<UserView> all() {
        return users.visibleTo(Callers.of(security)).stream().map(u -> UserView.of(u, isolation)).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a user", description = "Admins read anyone; a user reads only themselves.")
    @APIResponse(responseCode = "200", description = "The user (never the password's hash)",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "403", description = "bbb may read only their own user record")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    public UserView get(@PathParam("name") String name) {
        return UserView.of(users.get(name, Callers.of(security)), isolation);
    }

    @PUT
    @Path("{name}/allowed-clients")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Set the networks that may reach a user's units", description = "IPv4 networks (CIDR);"
            + " null goes back to the default (BERTH_UNIT_ALLOWED_CLIENTS). Running units take it at their next"
            + " start.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AllowedClients.class),
            examples = @ExampleObject(name = "networks", value = "{\"allowedClients\":[\"10.1.0.0/16\"]}")))
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "400", description = "'10.1.0.0/40' is no IPv4 network (a.b.c.d/n)")
    @APIResponse(responseCode = "403", description = "only an administrator may set the networks that may reach a"
            + " user's units")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    public UserView allowClients(@PathParam("name") String name, AllowedClients request) {
        List<String> networks = request == null ? null : request.allowedClients();
        return UserView.of(users.allowClients(name, networks, Callers.of(security)), isolation);
    }

    @PUT
    @Path("{name}/disk")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Set the size limit of a user's home", description = "The limit of the user's home on"
            + " each host; null goes back to the default (BERTH_UNIT_DISK). A home grows at its next start.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Disk.class),
            examples = @ExampleObject(name = "disk", value = "{\"disk\":\"4g\"}")))
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "400", description = "disk 'big' is not a size such as 2g")
    @APIResponse(responseCode = "403", description = "only an administrator may set the size limit of a user's"
            + " home")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
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
    @Operation(summary = "Change or reset a password", description = "A user changes their own with"
            + " {\"current\",\"new\"}; an admin resets another user's with {\"new\"} (which also lifts a login"
            + " lock). The old password stops working at once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PasswordChange.class),
            examples = {@ExampleObject(name = "own", value = "{\"current\":\"aaa-secret\",\"new\":\"aaa-secret-2\"}"),
                    @ExampleObject(name = "reset", value = "{\"new\":\"aaa-secret-2\"}")}))
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "400", description = "password must have at least 8 characters")
    @APIResponse(responseCode = "403", description = "the current password is not right; the password was not"
            + " changed")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    @APIResponse(responseCode = "409", description = "user 'ddd' logs in through the directory; their password is"
            + " changed there, not in Berth")
    public UserView changePassword(@PathParam("name") String name, PasswordChange change) {
        return UserView.of(users.changePassword(name, change, Callers.of(security)), isolation);
    }

    /** The user can no longer log in; their running units are stopped (listed in the answer and the audit trail). */
    @POST
    @Path("{name}/disable")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Disable a user", description = "Their logins are refused and their running units"
            + " stopped.")
    @APIResponse(responseCode = "200", description = "The units a STOP was sent for",
            content = @Content(schema = @Schema(implementation = Disabled.class), examples = @ExampleObject(
                    name = "disabled", value = "{\"name\":\"aaa\",\"disabled\":true,\"stoppedUnits\":[1]}")))
    @APIResponse(responseCode = "403", description = "only an administrator may disable a user")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    public Disabled disable(@PathParam("name") String name) {
        return new Disabled(name, true, users.disable(name, Callers.of(security)));
    }

    @POST
    @Path("{name}/enable")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Enable a user", description = "Their logins work again; their units stay stopped.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = EXAMPLE_USER)))
    @APIResponse(responseCode = "403", description = "only an administrator may enable a user")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    public UserView enable(@PathParam("name") String name) {
        return UserView.of(users.enable(name, Callers.of(security)), isolation);
    }

    /** 204; 409 while the user still has units. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Delete a user", description = "Only a user without units.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "only an administrator may delete a user")
    @APIResponse(responseCode = "404", description = "no user named 'aaa'")
    @APIResponse(responseCode = "409", description = "user 'aaa' still has units 1, 2; delete them first")
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
