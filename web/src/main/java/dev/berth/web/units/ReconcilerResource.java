package dev.berth.web.units;

import dev.berth.units.boundary.Restarts;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("reconciler")
@Tag(name = "reconciler", description = "How Berth keeps units where their owners want them: the restart rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class ReconcilerResource {

    static final String EXAMPLE_RULES = """
            {"restartPolicy":"on-failure","restartLimit":5,"backoffSeconds":2,"maxBackoffSeconds":300,\
            "stableSeconds":60,"changedBy":null,"changedAt":null}""";

    /** The body of {@code PUT /reconciler/rules}: each rule left out goes back to the configured one. */
    public record RulesChange(String restartPolicy, Integer restartLimit, Integer backoffSeconds,
                              Integer maxBackoffSeconds, Integer stableSeconds) {
    }

    @EJB
    Restarts restarts;

    @Context
    SecurityContext security;

    @GET
    @Path("rules")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Read the restart rules", description = "The default restart policy of units, the restart"
            + " limit and the backoff; configured (BERTH_RESTART_*) or an admin's choice.")
    @APIResponse(responseCode = "200", description = "The rules in force", content = @Content(
            schema = @Schema(implementation = RestartRulesView.class),
            examples = @ExampleObject(name = "rules", value = EXAMPLE_RULES)))
    @APIResponse(responseCode = "403", description = "only an administrator may read the restart rules")
    public RestartRulesView rules() {
        return RestartRulesView.of(restarts.settings());
    }

    @PUT
    @Path("rules")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Choose the restart rules", description = "At run time, for every manager, kept over a"
            + " restart; each rule left out (or null) goes back to the configured one. Units in a streak of restarts"
            + " follow the new rules from their next exit on.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RulesChange.class),
            examples = @ExampleObject(name = "always", value = "{\"restartPolicy\":\"always\",\"restartLimit\":10}")))
    @APIResponse(responseCode = "200", description = "The rules in force now", content = @Content(
            schema = @Schema(implementation = RestartRulesView.class),
            examples = @ExampleObject(name = "rules", value = "{\"restartPolicy\":\"always\",\"restartLimit\":10,"
                    + "\"backoffSeconds\":2,\"maxBackoffSeconds\":300,\"stableSeconds\":60,\"changedBy\":\"admin\","
                    + "\"changedAt\":\"2026-03-01T10:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "restart policy 'sometimes' is none of never, on-failure, always")
    @APIResponse(responseCode = "403", description = "only an administrator may change the restart rules")
    public RestartRulesView changeRules(RulesChange change) {
        RulesChange given = change == null ? new RulesChange(null, null, null, null, null) : change;
        return RestartRulesView.of(restarts.change(given.restartPolicy(), given.restartLimit(), given.backoffSeconds(),
                given.maxBackoffSeconds(), given.stableSeconds(), Callers.of(security)));
    }
}
