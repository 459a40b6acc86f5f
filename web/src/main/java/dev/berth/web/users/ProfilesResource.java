package dev.berth.web.users;

import dev.berth.users.boundary.Profiles;
import dev.berth.users.boundary.Profiles.ProfileRequest;
import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.Profile;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Profiles, for administrators: the limits users from the directory get at their first login. */
@Path("profiles")
@Tag(name = "profiles", description = "The limits a user from the directory gets at the first login, chosen by their"
        + " directory groups")
@RequestScoped
@RolesAllowed(Callers.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class ProfilesResource {

    static final String EXAMPLE_REQUEST = """
            {"name":"analysts","memory":"2g","cpuShares":2048,"maxUnits":4,"maxMemory":"6g",\
            "allowedClients":["10.1.0.0/16"],"groups":["analysts","finance"]}""";
    static final String EXAMPLE_PROFILE = """
            {"name":"analysts","default":false,"memory":"2g","memoryBytes":2147483648,"cpuShares":2048,\
            "maxUnits":4,"maxMemory":"6g","allowedClients":["10.1.0.0/16"],"allowedClientsDefault":false,\
            "groups":["analysts","finance"],"users":["ddd"],"createdAt":"2026-11-29T10:00:00Z"}""";
    static final String EXAMPLE_DEFAULT = """
            {"name":"default","default":true,"memory":"1g","memoryBytes":1073741824,"cpuShares":1024,\
            "maxUnits":null,"maxMemory":null,"allowedClients":["127.0.0.0/8"],"allowedClientsDefault":true,\
            "groups":[],"users":[],"createdAt":"2026-11-29T10:00:00Z"}""";

    @EJB
    Profiles profiles;

    @Inject
    UnitIsolation isolation;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "List profiles", description = "Every profile, by name, the default among them. A user"
            + " from the directory gets, at the first login, the first profile by name that names one of their"
            + " groups, else the default.")
    @APIResponse(responseCode = "200", description = "The profiles", content = @Content(
            schema = @Schema(implementation = ProfileView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "profiles", value = "[" + EXAMPLE_PROFILE + "," + EXAMPLE_DEFAULT
                    + "]")))
    @APIResponse(responseCode = "403", description = "only an administrator may list profiles")
    public List<ProfileView> all() {
        return profiles.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a profile", description = "Its limits, groups, and the users provisioned with it.")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(
            schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = EXAMPLE_PROFILE)))
    @APIResponse(responseCode = "403", description = "only an administrator may read a profile")
    @APIResponse(responseCode = "404", description = "no profile named 'analysts' (GET /api/profiles lists them)")
    public ProfileView get(@PathParam("name") String name) {
        return view(profiles.get(name));
    }

    @POST
    @Operation(summary = "Create a profile", description = "The limits (memory and CPU shares per unit; optional:"
            + " quotas maxUnits and maxMemory, the networks that may reach the units) for users from the directory in"
            + " one of its groups, given at their first login.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProfileRequest.class),
            examples = @ExampleObject(name = "profile", value = EXAMPLE_REQUEST)))
    @APIResponse(responseCode = "201", description = "The profile", content = @Content(
            schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = EXAMPLE_PROFILE)))
    @APIResponse(responseCode = "400", description = "cpuShares is missing; 1024 is one full share")
    @APIResponse(responseCode = "403", description = "only an administrator may create a profile")
    @APIResponse(responseCode = "409", description = "profile 'analysts' already exists; change it with PUT"
            + " /api/profiles/analysts, or choose another name")
    public Response create(ProfileRequest request, @Context UriInfo uri) {
        ProfileView created = view(profiles.create(request, Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Change a profile", description = "Replaces its limits and groups (the default names no"
            + " groups). Users provisioned with it keep the limits they got; adjust them with the user endpoints.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProfileRequest.class),
            examples = @ExampleObject(name = "profile", value = EXAMPLE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(
            schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = EXAMPLE_PROFILE)))
    @APIResponse(responseCode = "400", description = "memory 'lots' is not a size: use a number with an optional"
            + " unit b, k, m or g, such as 500m or 2g")
    @APIResponse(responseCode = "403", description = "only an administrator may change a profile")
    @APIResponse(responseCode = "404", description = "no profile named 'analysts' (GET /api/profiles lists them)")
    public ProfileView update(@PathParam("name") String name, ProfileRequest request) {
        return view(profiles.update(name, request, Callers.of(security)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a profile", description = "Not the default. Users provisioned with it keep their"
            + " limits.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "only an administrator may delete a profile")
    @APIResponse(responseCode = "404", description = "no profile named 'analysts' (GET /api/profiles lists them)")
    @APIResponse(responseCode = "409", description = "profile 'default' is the default, for directory users of no"
            + " profile's group, and cannot be deleted; change its limits instead (PUT /api/profiles/default)")
    public Response delete(@PathParam("name") String name) {
        profiles.delete(name, Callers.of(security));
        return Response.noContent().build();
    }

    private ProfileView view(Profile profile) {
        return ProfileView.of(profile, profiles.usersOf(profile), isolation);
    }
}
