package dev.berth.web.hosts;

import dev.berth.agents.boundary.Pings;
import dev.berth.agents.control.RoundTrips;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.AgentCredentials;
import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.platform.entity.BerthException;
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
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Hosts: defined by admins (docker_server.xml's settings) and reported by their agents; enrolled (their agent's
 * broker account issued, once), re-keyed and removed by admins.
 */
@Path("hosts")
@Tag(name = "hosts", description = "Docker hosts: defined by admins or reported by their agents, enrolled,"
        + " re-keyed and removed by admins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class HostsResource {

    static final String EXAMPLE_HOST = """
            {"name":"h1","address":"127.0.0.1","state":"ONLINE","shareDir":"/var/lib/berth/share","portMin":1024,\
            "portMax":65535,"manager":true,"commPort":null,"dockerVersion":"20.10.24","cpus":2,\
            "memoryBytes":4294967296,"lastSeen":"2026-11-29T10:00:00Z","enrolled":true,"rttMillis":0.84}""";
    static final String EXAMPLE_SETTINGS = "{\"address\":\"10.0.0.5\",\"shareDir\":\"/srv/share\",\"portMin\":8000,"
            + "\"portMax\":8999,\"manager\":false,\"commPort\":8282}";

    /** What an admin sends to define a host: its name and {@link HostSettings}. */
    public record NewHost(String name, String address, String shareDir, Integer portMin, Integer portMax,
                          Boolean manager, Integer commPort) {
    }

    @EJB
    Hosts hosts;

    @EJB
    Pings pings;

    @Inject
    RoundTrips roundTrips;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "List hosts", description = "Every logged-in user may read the hosts.")
    @APIResponse(responseCode = "200", description = "The hosts", content = @Content(
            schema = @Schema(implementation = HostView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "hosts", value = "[" + EXAMPLE_HOST + "]")))
    public List<HostView> all() {
        return hosts.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a host")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(
            schema = @Schema(implementation = HostView.class), examples = @ExampleObject(name = "host", value = EXAMPLE_HOST)))
    @APIResponse(responseCode = "404", description = "no host named 'h1'")
    public HostView get(@PathParam("name") String name) {
        return view(hosts.get(name));
    }

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Define a host", description = "The guide's docker_server.xml settings; the host is DEFINED"
            + " until its agent reports, and no unit starts there before.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewHost.class),
            examples = @ExampleObject(name = "host", value = "{\"name\":\"h2\",\"address\":\"10.0.0.5\",\"portMin\":8000,"
                    + "\"portMax\":8999}")))
    @APIResponse(responseCode = "201", description = "The host", content = @Content(
            schema = @Schema(implementation = HostView.class), examples = @ExampleObject(name = "host", value = EXAMPLE_HOST)))
    @APIResponse(responseCode = "400", description = "address '10.0.0.300' is no IPv4 address")
    @APIResponse(responseCode = "403", description = "only an administrator may define a host")
    @APIResponse(responseCode = "409", description = "host 'h2' already exists")
    public Response define(NewHost request, @Context UriInfo uri) {
        HostSettings settings = request == null ? null : new HostSettings(request.address(), request.shareDir(),
                request.portMin(), request.portMax(), request.manager(), request.commPort());
        HostView created = view(hosts.define(request == null ? null : request.name(), settings,
                Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /**
     * Issues the host's agent its broker account: {@code {"host","user","password"}}, answered this once (Berth keeps
     * only a hash). A host enrolled before is re-keyed: its old password stops working and its sessions end.
     */
    @POST
    @Path("{name}/enrollment")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Enroll a host's agent", description = "Issues the agent's broker account, answered this once"
            + " (Cache-Control: no-store); enrolling again re-keys it and revokes the old password.")
    @APIResponse(responseCode = "201", description = "The agent's broker account", content = @Content(
            schema = @Schema(implementation = AgentCredentials.class), examples = @ExampleObject(name = "account",
                    value = "{\"host\":\"h2\",\"user\":\"agent-h2\",\"password\":\"q8V...\"}")))
    @APIResponse(responseCode = "403", description = "only an administrator may enroll a host's agent")

    public Response enroll(@PathParam("name") String name, @Context UriInfo uri) {
        AgentCredentials credentials = hosts.enroll(name, Callers.of(security));
        return Response.created(uri.getBaseUriBuilder().path("hosts").path(name).build()).entity(credentials)
                .header("Cache-Control", "no-store").build();
    }

    /** Removes a host without units, and revokes its agent's broker account. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Remove a host", description = "Only a host without units; its agent's account is revoked.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "only an administrator may remove a host")
    @APIResponse(responseCode = "404", description = "no host named 'h2'")
    @APIResponse(responseCode = "409", description = "host h2 still has units 3, 4; delete them first")
    public Response remove(@PathParam("name") String name) {
        hosts.remove(name, Callers.of(security));
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Change a host's settings", description = "The same settings as a definition, without the"
            + " name; an admin's address wins over the agent's.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HostSettings.class),
            examples = @ExampleObject(name = "settings", value = EXAMPLE_SETTINGS)))
    @APIResponse(responseCode = "200", description = "The host", content = @Content(
            schema = @Schema(implementation = HostView.class), examples = @ExampleObject(name = "host", value = EXAMPLE_HOST)))
    @APIResponse(responseCode = "400", description = "portMin 9000 is above portMax 8999")
    @APIResponse(responseCode = "403", description = "only an administrator may change a host's settings")
    @APIResponse(responseCode = "404", description = "no host named 'h2'")
    public HostView configure(@PathParam("name") String name, HostSettings settings) {
        return view(hosts.configure(name, settings, Callers.of(security)));
    }

    /**
     * Sends {@code count} pings to the host's agent, many in flight at once, and answers how fast they came back: the
     * control plane's speed (manager, broker, agent and back) without any Docker work. No command row, no audit record.
     */
    @POST
    @Path("{name}/ping")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Ping a host's agent", description = "Admin only. Sends count pings (default 1, at most"
            + " 100000), up to 64 in flight, each answered at once by the agent; answers how many came back, how fast,"
            + " and their round trips in ms. Nothing is stored or audited.")
    @APIResponse(responseCode = "200", description = "What the pings measured", content = @Content(
            schema = @Schema(implementation = Pings.Run.class), examples = @ExampleObject(name = "run", value = """
                    {"host":"h1","count":1000,"answered":1000,"seconds":0.712,"perSecond":1404.5,\
                    "rttMillis":{"p50":30.1,"p95":41.7,"max":55.2}}""")))
    @APIResponse(responseCode = "400", description = "count must be 1 to 100000, not 0")
    @APIResponse(responseCode = "403", description = "only an administrator may ping agents")
    @APIResponse(responseCode = "404", description = "no host named 'h2'")
    @APIResponse(responseCode = "409", description = "host h2 is OFFLINE; its agent can be pinged once it is ONLINE"
            + " again")
    @APIResponse(responseCode = "503", description = "the agent of host h1 answered none of 10 pings within 5 s;"
            + " check that it runs")
    public Pings.Run ping(@PathParam("name") String name,
                          @Parameter(description = "how many pings (1 to 100000, default 1)", example = "1000")
                          @QueryParam("count") String count) {
        Integer n = null;
        if (count != null && !count.isBlank()) {
            try {
                n = Integer.valueOf(count.trim());
            } catch (NumberFormatException e) {
                throw BerthException.invalid("count '" + count + "' is no number; send 1 to 100000");
            }
        }
        return pings.run(name, n, Callers.of(security));
    }

    private HostView view(Host host) {
        return HostView.of(host, roundTrips.of(host.getName()).orElse(null));
    }
}
