package dev.berth.web.units;

import dev.berth.commands.entity.Command;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.LogRequest;
import dev.berth.units.boundary.Logs;
import dev.berth.units.boundary.Restarts;
import dev.berth.units.boundary.StatsSamples;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.NewUnit;
import dev.berth.units.control.LogQueries;
import dev.berth.units.control.LogStream;
import dev.berth.units.entity.RestartPolicy;
import dev.berth.units.entity.Unit;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
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

@Path("units")
@Tag(name = "units", description = "Units: a user's container on a host, its lifecycle and its logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class UnitsResource {

    static final String EXAMPLE_UNIT = """
            {"id":1,"user":"aaa","host":"h1","address":"127.0.0.1","port":8281,"image":"berth/esproc-unit:1",\
            "desiredState":"RUNNING","state":"RUNNING","containerId":"3f2a9c1b7d4e","lastError":null,\
            "observed":{"state":"RUNNING","exitCode":null,"oomKilled":false,"at":"2026-03-01T10:00:00Z"},\
            "restartPolicy":"on-failure","ownPolicy":false,"restarts":0}""";
    /** The largest page of {@code GET /units}. */
    static final int MAX_PAGE = 1000;
    static final String EXAMPLE_ACCEPTED = "{\"command\":\"6f1c2a4e-0b7d-4c55-9a63-3e1f0d2b9c10\"}";

    @EJB
    Units units;

    @EJB
    Logs logs;

    @EJB
    StatsSamples stats;

    @EJB
    Restarts restarts;

    /** The body of {@code PUT /units/{id}/restart-policy}. */
    public record PolicyChoice(String policy) {
    }

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Define a unit", description = "A unit of a user on a host and port (unique per host, within"
            + " the host's port range); image defaults to BERTH_UNIT_DEFAULT_IMAGE. It is DEFINED until started.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewUnit.class),
            examples = @ExampleObject(name = "unit", value = "{\"user\":\"aaa\",\"host\":\"h1\",\"port\":8281}")))
    @APIResponse(responseCode = "201", description = "The unit", content = @Content(
            schema = @Schema(implementation = UnitView.class), examples = @ExampleObject(name = "unit", value = EXAMPLE_UNIT)))
    @APIResponse(responseCode = "400", description = "port 80 is outside 1024..65535")
    @APIResponse(responseCode = "403", description = "only an administrator may define a unit")
    @APIResponse(responseCode = "409", description = "port 8281 on host h1 is in use by unit 12 of user aaa; choose"
            + " another port")
    public Response create(@Valid @NotNull(message = NewUnit.MISSING) NewUnit request) {
        UnitView created = view(units.create(request, Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "List units", description = "Admins see every unit, a user their own, in id order. With"
            + " limit, one page of at most that many (1..1000) after the unit id in after (0: from the start); a full"
            + " page carries a Link header to the next one (rel=\"next\"). Without limit, all of them.")
    @APIResponse(responseCode = "200", description = "The units", content = @Content(
            schema = @Schema(implementation = UnitView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "units", value = "[" + EXAMPLE_UNIT + "]")))
    @APIResponse(responseCode = "400", description = "limit 0 is outside 1..1000")
    public Response all(@Parameter(description = "page size, 1..1000; unset: every unit", example = "100")
                        @QueryParam("limit") String limit,
                        @Parameter(description = "the last unit id of the page before; 0 or unset: the first page",
                                example = "0") @QueryParam("after") String after) {
        RestartPolicy policy = restarts.rules().policy();
        if (limit == null) {
            return Response.ok(units.visibleTo(Callers.of(security)).stream().map(u -> UnitView.of(u, policy))
                    .toList()).build();
        }
        int size = number("limit", limit);
        long from = after == null ? 0 : number("after", after);
        if (size < 1 || size > MAX_PAGE) {
            throw BerthException.invalid("limit " + size + " is outside 1.." + MAX_PAGE);
        }
        if (from < 0) {
            throw BerthException.invalid("after " + from + " is no unit id; use 0 for the first page");
        }
        List<UnitView> page = units.visibleTo(Callers.of(security), from, size).stream()
                .map(u -> UnitView.of(u, policy)).toList();
        Response.ResponseBuilder answer = Response.ok(page);
        if (page.size() == size) {
            answer.link(uri.getAbsolutePathBuilder().queryParam("limit", size)
                    .queryParam("after", page.get(page.size() - 1).id()).build(), "next");
        }
        return answer.build();
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw BerthException.invalid(name + " '" + value + "' is no number");
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a unit", description = "Its desired and observed state; lastError says why a start"
            + " failed, with the container's last log lines.")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(
            schema = @Schema(implementation = UnitView.class), examples = @ExampleObject(name = "unit", value = EXAMPLE_UNIT)))
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    public UnitView get(@PathParam("id") long id) {
        return view(units.get(id, Callers.of(security)));
    }

    @PUT
    @Path("{id}/restart-policy")
    @Operation(summary = "Choose a unit's restart policy", description = "never, on-failure (after an exit with a code"
            + " other than 0 or a kill for memory), always (after any exit, and a container removed outside Berth is"
            + " made again), or default (the admins' default, GET /reconciler/rules). Restarts back off"
            + " exponentially up to the restart limit, then the unit is FAILED with the reason. The owner or an"
            + " admin may choose.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PolicyChoice.class),
            examples = @ExampleObject(name = "always", value = "{\"policy\":\"always\"}")))
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(
            schema = @Schema(implementation = UnitView.class), examples = @ExampleObject(name = "unit", value = EXAMPLE_UNIT)))
    @APIResponse(responseCode = "400", description = "restart policy 'sometimes' is none of never, on-failure, always")
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    public UnitView choosePolicy(@PathParam("id") long id, PolicyChoice choice) {
        return view(restarts.choose(id, choice == null ? null : choice.policy(), Callers.of(security)));
    }

    private UnitView view(Unit unit) {
        return UnitView.of(unit, restarts.rules().policy());
    }

    /**
     * The container's logs as plain text, like {@code docker logs}: {@code tail} (lines or {@code all}, default
     * 100), {@code since} (Unix seconds, RFC 3339 or a duration such as {@code 10m}), {@code timestamps}, and
     * {@code follow}: the answer stays open and carries new lines as the container writes them, until the container
     * stops or the client goes away. Every refusal comes before the first line, as JSON with its status.
     */
    @GET
    @Path("{id}/logs")
    @Operation(summary = "Read a unit's logs", description = "Like docker logs; with follow=true the answer stays open"
            + " and streams new lines (curl -N) until the unit stops or the client leaves. Refusals come as JSON"
            + " before any line.")
    @APIResponse(responseCode = "200", description = "The log as text", content = @Content(mediaType = "text/plain",
            examples = @ExampleObject(name = "log", value = "Node server is running at: 0.0.0.0:8281\n")))
    @APIResponse(responseCode = "400", description = "tail 'x' is neither a number of lines nor all")
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    @APIResponse(responseCode = "409", description = "unit 1 has no container; start it first")
    @APIResponse(responseCode = "503", description = "the agent of host h1 did not answer within 10 s; try again, or"
            + " check that it runs")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public Response logs(@PathParam("id") long id,
                         @Parameter(description = "lines from the end, or all (default 100)", example = "100")
                         @QueryParam("tail") String tail,
                         @Parameter(description = "Unix seconds, RFC 3339, or a duration such as 10m", example = "10m")
                         @QueryParam("since") String since,
                         @Parameter(description = "prefix each line with its time") @QueryParam("timestamps")
                         boolean timestamps,
                         @Parameter(description = "keep the answer open and stream new lines") @QueryParam("follow")
                         boolean follow) {
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

    @GET
    @Path("{id}/stats")
    @Operation(summary = "Read a unit's CPU and memory over time", description = "Admin or owner. The samples its"
            + " agent took while it ran (every BERTH_AGENT_STATS_SECONDS), oldest first: CPU in percent of one core"
            + " (200 = two cores busy), memory in use without the page cache, and the limit. Kept"
            + " BERTH_STATS_RETENTION_HOURS.")
    @APIResponse(responseCode = "200", description = "The samples of the window, oldest first", content = @Content(
            schema = @Schema(implementation = StatsView.class, type = SchemaType.ARRAY), examples = @ExampleObject(
            name = "samples", value = "[{\"at\":\"2026-11-29T10:00:01.5Z\",\"cpuPercent\":12.5,\"memoryBytes\":"
                    + "44040192,\"memoryLimitBytes\":524288000},{\"at\":\"2026-11-29T10:00:11.5Z\",\"cpuPercent\":"
                    + "98.1,\"memoryBytes\":61865984,\"memoryLimitBytes\":524288000}]")))
    @APIResponse(responseCode = "400", description = "minutes must be between 1 and 1440 (samples are kept 24 h), was"
            + " 0")
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    public List<StatsView> stats(@PathParam("id") long id,
                                 @Parameter(description = "the last this many minutes, 1 to the retention (default"
                                         + " 60)", example = "60")
                                 @QueryParam("minutes") @DefaultValue("60") int minutes) {
        return stats.recent(id, minutes, Callers.of(security)).stream().map(StatsView::of).toList();
    }

    /** What an admin sends to change a unit's image. */
    public record ImageChange(String image) {
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Change a unit's image", description = "Admin only. The image is checked as at create; the"
            + " change takes effect at the unit's next start, which makes the container anew from it, keeps the old"
            + " container until the new one answers, and starts the old one again if it does not (the unit is then"
            + " RUNNING, with lastError saying the update failed).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ImageChange.class),
            examples = @ExampleObject(name = "image", value = "{\"image\":\"berth/esproc-unit:2\"}")))
    @APIResponse(responseCode = "200", description = "The unit, with its new image", content = @Content(
            schema = @Schema(implementation = UnitView.class), examples = @ExampleObject(name = "unit", value = EXAMPLE_UNIT)))
    @APIResponse(responseCode = "400", description = "image 'Not An Image' is no image reference such as"
            + " berth/esproc-unit:1")
    @APIResponse(responseCode = "403", description = "only an administrator may change a unit's image")
    @APIResponse(responseCode = "404", description = "no unit 1")
    public UnitView changeImage(@PathParam("id") long id, ImageChange change) {
        return view(units.changeImage(id, change == null ? null : change.image(), Callers.of(security)));
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a unit", description = "Admin or owner. The unit is STARTING, then RUNNING once its"
            + " process answers at the application level, or FAILED with the reason (GET /units/{id}).")
    @APIResponse(responseCode = "202", description = "The command sent to the host's agent (GET /commands/{id})",
            content = @Content(schema = @Schema(implementation = CommandAccepted.class),
                    examples = @ExampleObject(name = "accepted", value = EXAMPLE_ACCEPTED)))
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    @APIResponse(responseCode = "409", description = "host h1 is OFFLINE; start the unit when its agent runs")
    public Response start(@PathParam("id") long id) {
        return accepted(units.start(id, Callers.of(security)));
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a unit", description = "Admin or owner. STOPPING, then STOPPED; the container is kept.")
    @APIResponse(responseCode = "202", description = "The command sent to the host's agent",
            content = @Content(schema = @Schema(implementation = CommandAccepted.class),
                    examples = @ExampleObject(name = "accepted", value = EXAMPLE_ACCEPTED)))
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    @APIResponse(responseCode = "409", description = "unit 1 is DEFINED; only a RUNNING, STARTING or FAILED unit can"
            + " be stopped")
    public Response stop(@PathParam("id") long id) {
        return accepted(units.stop(id, Callers.of(security)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a unit", description = "Admin or owner. The agent removes the container; the unit"
            + " disappears, its commands and audit records stay.")
    @APIResponse(responseCode = "202", description = "The command sent to the host's agent",
            content = @Content(schema = @Schema(implementation = CommandAccepted.class),
                    examples = @ExampleObject(name = "accepted", value = EXAMPLE_ACCEPTED)))
    @APIResponse(responseCode = "403", description = "unit 1 belongs to another user")
    @APIResponse(responseCode = "404", description = "no unit 1")
    public Response delete(@PathParam("id") long id) {
        return accepted(units.delete(id, Callers.of(security)));
    }

    private static Response accepted(Command command) {
        return Response.accepted(new CommandAccepted(command.getId())).build();
    }
}
