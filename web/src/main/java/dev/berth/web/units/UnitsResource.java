package dev.berth.web.units;

import dev.berth.commands.entity.Command;
import dev.berth.units.boundary.Logs;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.NewUnit;
import dev.berth.protocol.LogRequest;
import dev.berth.units.control.LogQueries;
import dev.berth.units.control.LogStream;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;

@Path("units")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitsResource {

    @EJB
    Units units;

    @EJB
    Logs logs;

    @Context
    SecurityContext security;

    @POST
    public Response create(NewUnit request, @Context UriInfo uri) {
        UnitView created = UnitView.of(units.create(request, Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    public List<UnitView> all() {
        return units.visibleTo(Callers.of(security)).stream().map(UnitView::of).toList();
    }

    @GET
    @Path("{id}")
    public UnitView get(@PathParam("id") long id) {
        return UnitView.of(units.get(id, Callers.of(security)));
    }

    /**
     * The container's logs as plain text, like {@code docker logs}: {@code tail} (lines or {@code all}, default
     * 100), {@code since} (Unix seconds, RFC 3339 or a duration such as {@code 10m}), {@code timestamps}, and
     * {@code follow}: the answer stays open and carries new lines as the container writes them, until the container
     * stops or the client goes away. Every refusal comes before the first line, as JSON with its status.
     */
    @GET
    @Path("{id}/logs")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public Response logs(@PathParam("id") long id, @QueryParam("tail") String tail, @QueryParam("since") String since,
                         @QueryParam("timestamps") boolean timestamps, @QueryParam("follow") boolean follow) {
        LogRequest request = LogQueries.parse(tail, since, timestamps, follow, Instant.now());
        if (!follow) {
            return Response.ok(logs.read(id, request, Callers.of(security))).build();
        }
        // opened here, on the request thread, so that a refusal is still an error status; streamed by the same
        // thread after this returns; the client going away fails a write, and closing stops the agent's follower
        LogStream stream = logs.follow(id, request, Callers.of(security)).open();
        StreamingOutput body = out -> {
            try (stream) {
                stream.copyTo(out);
            }
        };
        return Response.ok(body).build();
    }

    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") long id) {
        return accepted(units.start(id, Callers.of(security)));
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") long id) {
        return accepted(units.stop(id, Callers.of(security)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        return accepted(units.delete(id, Callers.of(security)));
    }

    private static Response accepted(Command command) {
        return Response.accepted(new CommandAccepted(command.getId())).build();
    }
}
