package dev.berth.web.sessions;

import dev.berth.platform.control.ManagerConfig;
import dev.berth.sessions.boundary.Sessions;
import dev.berth.sessions.boundary.Sessions.Snapshot;
import dev.berth.sessions.boundary.Sessions.UnitEndpoint;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("sessions")
@Tag(name = "sessions", description = "Client sessions: a user's client logs in, its units start and accept it; one"
        + " session per user name")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class SessionsResource {

    static final String EXAMPLE_SESSION = """
            {"id":"0c5e1f9a-3b7d-4e21-8f60-2a9d4c7b1e35","user":"aaa","clientAddress":"192.168.0.20",\
            "openedAt":"2026-03-01T10:00:00Z","lastSeen":"2026-03-01T10:00:00Z","expiresAt":"2026-03-01T10:05:00Z",\
            "live":true,"ready":true,"settled":true,"units":[{"id":1,"host":"h1","endpoint":"192.168.0.76:8281",\
            "state":"RUNNING","startedBySession":true,"note":"started"}],"files":{"raqsoftConfig.xml":"<?xml ...\
            <Units><Unit>192.168.0.76:8281</Unit></Units> ...","unitServer.xml":"<?xml ... <Host ip=\\"192.168.0.76\\"\
             port=\\"8281\\" ..."}}""";
    static final String EXAMPLE_LISTED = """
            {"id":"0c5e1f9a-3b7d-4e21-8f60-2a9d4c7b1e35","user":"aaa","clientAddress":"192.168.0.20",\
            "openedAt":"2026-03-01T10:00:00Z","lastSeen":"2026-03-01T10:02:00Z","expiresAt":"2026-03-01T10:07:00Z",\
            "live":true,"ready":true,"settled":true,"units":[{"id":1,"host":"h1","endpoint":"192.168.0.76:8281",\
            "state":"RUNNING","startedBySession":true}]}""";
    static final String EXAMPLE_ENDED = """
            {"id":"0c5e1f9a-3b7d-4e21-8f60-2a9d4c7b1e35","user":"aaa","clientAddress":"192.168.0.20",\
            "openedAt":"2026-03-01T10:00:00Z","lastSeen":"2026-03-01T10:02:00Z","live":false,\
            "endedAt":"2026-03-01T10:03:00Z","endReason":"logged out","ready":false,"settled":false,\
            "units":[{"id":1,"host":"h1","endpoint":"192.168.0.76:8281","state":"STOPPING","startedBySession":true}]}""";
    static final String EXAMPLE_RULES = """
            {"policy":"refuse","expirySeconds":300,"onEnd":"stop"}""";
    static final String REFUSED = "user aaa is logged in already, since 2026-03-01T10:00:00Z from 192.168.0.20"
            + " (session 0c5e...); the same user name may not be used twice at the same time: log out there first"
            + " (berth logout, or DELETE /api/sessions/0c5e...), wait until it expires (at 2026-03-01T10:05:00Z"
            + " unless kept alive), or ask an administrator to end it; this login came from 192.168.0.21";

    /** How often a waiting login looks at its units again. */
    private static final Duration POLL = Duration.ofMillis(200);

    @EJB
    Sessions sessions;

    @Inject
    ManagerConfig config;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** The body of {@code PUT /sessions/rules}: each rule left out goes back to the configured one. */
    public record RulesChange(String policy, Integer expirySeconds, String onEnd) {
    }

    @POST
    @Operation(summary = "Log in: open a client session", description = "The caller's own session, from the request's"
            + " address (no body needed). Each of the user's units that is down starts, each that runs is joined;"
            + " all of them accept connections from that address besides the user's allowed networks, until the"
            + " session ends. The answer carries the units' ip:port endpoints and the esProc client's"
            + " raqsoftConfig.xml and unitServer.xml. With wait=true it comes once every unit runs and accepts the"
            + " client (ready), or nothing is under way any more (settled), at most the unit readiness time plus"
            + " 30 s; otherwise at once, with STARTING units: GET /sessions/{id} until ready. One session per user"
            + " name: while one lives, a login is refused (409), or takes it over (BERTH_SESSION_POLICY=takeover).")
    @APIResponse(responseCode = "201", description = "The session; keep it alive (PUT /sessions/{id}) within"
            + " expiresAt", content = @Content(schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "session", value = EXAMPLE_SESSION)))
    @APIResponse(responseCode = "409", description = REFUSED)
    public Response open(@Parameter(description = "answer once the units run and accept the client")
                         @QueryParam("wait") boolean await, @Context UriInfo uri) {
        Snapshot opened = sessions.open(clientAddress(request.getRemoteAddr()), Callers.of(security));
        if (await && !opened.settled()) {
            opened = withNotesOf(opened, awaitSettled(opened.session().getId()));
        }
        return Response.created(uri.getAbsolutePathBuilder().replaceQuery(null).path(opened.session().getId())
                .build()).entity(SessionView.of(opened)).build();
    }

    @GET
    @Operation(summary = "List live sessions", description = "An admin sees every live session (user, address,"
            + " since, last seen), a user their own.")
    @APIResponse(responseCode = "200", description = "The live sessions", content = @Content(
            schema = @Schema(implementation = SessionView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "sessions", value = "[" + EXAMPLE_LISTED + "]")))
    public List<SessionView> all() {
        return sessions.visibleTo(Callers.of(security)).stream().map(SessionView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a session", description = "Live or ended (endReason says why: logged out, expired,"
            + " taken over from <address>, ended by an administrator, disabled), with its units' state; while it"
            + " lives, with the client's files.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(
            schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "session", value = EXAMPLE_SESSION)))
    @APIResponse(responseCode = "403", description = "session 0c5e... belongs to another user")
    @APIResponse(responseCode = "404", description = "no session 0c5e...")
    public SessionView get(@PathParam("id") String id) {
        return SessionView.of(sessions.get(id, Callers.of(security)));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Keep a session alive", description = "Its client is still there: it lives for the expiry"
            + " (BERTH_SESSION_EXPIRY_SECONDS) from now. Not audited.")
    @APIResponse(responseCode = "200", description = "The session, with its new expiresAt", content = @Content(
            schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "session", value = EXAMPLE_LISTED)))
    @APIResponse(responseCode = "403", description = "session 0c5e... belongs to another user")
    @APIResponse(responseCode = "404", description = "no session 0c5e...")
    @APIResponse(responseCode = "409", description = "session 0c5e... ended at 2026-03-01T10:05:01Z (expired: not"
            + " kept alive for 300 s); log in again")
    public SessionView keepAlive(@PathParam("id") String id) {
        return SessionView.of(sessions.keepAlive(id, Callers.of(security)));
    }

    @POST
    @Path("{id}/keepalive")
    @Operation(summary = "Keep a session alive (POST)", description = "The same as PUT /sessions/{id}, for clients"
            + " that only POST.")
    @APIResponse(responseCode = "200", description = "The session, with its new expiresAt", content = @Content(
            schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "session", value = EXAMPLE_LISTED)))
    @APIResponse(responseCode = "403", description = "session 0c5e... belongs to another user")
    @APIResponse(responseCode = "404", description = "no session 0c5e...")
    @APIResponse(responseCode = "409", description = "session 0c5e... ended at 2026-03-01T10:05:01Z (logged out);"
            + " log in again")
    public SessionView keepAlivePost(@PathParam("id") String id) {
        return keepAlive(id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Log out: end a session", description = "Its owner logs out, or an admin ends anyone's."
            + " The units the session started stop (BERTH_SESSION_ON_END=stop, the default) and the others no"
            + " longer accept its address.")
    @APIResponse(responseCode = "200", description = "The ended session", content = @Content(
            schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "ended", value = EXAMPLE_ENDED)))
    @APIResponse(responseCode = "403", description = "session 0c5e... belongs to another user; bbb may act only on"
            + " their own sessions")
    @APIResponse(responseCode = "404", description = "no session 0c5e...")
    @APIResponse(responseCode = "409", description = "session 0c5e... ended at 2026-03-01T10:03:00Z (logged out)")
    public SessionView end(@PathParam("id") String id) {
        return SessionView.of(sessions.end(id, Callers.of(security)));
    }

    @GET
    @Path("rules")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Read the session rules", description = "The policy for a second login of a name, the"
            + " expiry and what an end does with the units; configured (BERTH_SESSION_*) or an admin's choice.")
    @APIResponse(responseCode = "200", description = "The rules in force", content = @Content(
            schema = @Schema(implementation = SessionRulesView.class),
            examples = @ExampleObject(name = "rules", value = EXAMPLE_RULES)))
    @APIResponse(responseCode = "403", description = "only an administrator may read the session rules")
    public SessionRulesView rules() {
        return SessionRulesView.of(sessions.settings());
    }

    @PUT
    @Path("rules")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Choose the session rules", description = "At run time, for every manager, kept over a"
            + " restart; each rule left out (or null) goes back to the configured one. Live sessions follow the new"
            + " rules from now on.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RulesChange.class),
            examples = @ExampleObject(name = "takeover", value = "{\"policy\":\"takeover\",\"expirySeconds\":120}")))
    @APIResponse(responseCode = "200", description = "The rules in force now", content = @Content(
            schema = @Schema(implementation = SessionRulesView.class),
            examples = @ExampleObject(name = "rules", value = "{\"policy\":\"takeover\",\"expirySeconds\":120,"
                    + "\"onEnd\":\"stop\",\"changedBy\":\"admin\",\"changedAt\":\"2026-03-01T10:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "session policy 'first' is none of refuse, takeover")
    @APIResponse(responseCode = "403", description = "only an administrator may change the session rules")
    public SessionRulesView changeRules(RulesChange change) {
        RulesChange given = change == null ? new RulesChange(null, null, null) : change;
        return SessionRulesView.of(sessions.changeSettings(given.policy(), given.expirySeconds(), given.onEnd(),
                Callers.of(security)));
    }

    /** Looks again, each look a transaction of its own, until the session has settled or the time is up. */
    private Snapshot awaitSettled(String id) {
        Instant deadline = Instant.now().plusSeconds(config.unitReadinessSeconds() + 30L);
        while (true) {
            Snapshot now = sessions.get(id, Callers.of(security));
            if (now.settled() || !now.session().isLive() || Instant.now().isAfter(deadline)) {
                return now;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    /** The later look at a session, with what the login did with each unit (only the login's answer knows). */
    private static Snapshot withNotesOf(Snapshot login, Snapshot later) {
        Map<Long, String> notes = new HashMap<>();
        login.units().forEach(unit -> notes.put(unit.id(), unit.note()));
        return new Snapshot(later.session(), later.expiresAt(), later.units().stream().map(unit -> new UnitEndpoint(
                unit.id(), unit.host(), unit.endpoint(), unit.state(), unit.startedBySession(), notes.get(unit.id()),
                unit.lastError())).toList(), later.ready(), later.settled(), later.files());
    }

    /** The client's address as units' rules take it: an IPv4 address given in IPv6 form is the IPv4 address. */
    public static String clientAddress(String remote) {
        String mapped = "::ffff:";
        return remote.regionMatches(true, 0, mapped, 0, mapped.length()) && remote.indexOf('.') > 0
                ? remote.substring(mapped.length()) : remote;
    }
}
