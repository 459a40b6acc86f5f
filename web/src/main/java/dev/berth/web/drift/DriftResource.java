package dev.berth.web.drift;

import dev.berth.drift.boundary.Drift;
import dev.berth.drift.boundary.Drift.RepairOutcome;
import dev.berth.drift.boundary.Drift.RepairRequest;
import dev.berth.drift.entity.Finding;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
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

/** Drift between the hosts and what Berth keeps of them, found live by asking each ONLINE host's agent; admins only. */
@Path("drift")
@Tag(name = "drift", description = "Containers labelled as Berth's without a unit, units whose container is missing,"
        + " exited or made from other settings, ports held by something else, stale DNAT rules; with their repairs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class DriftResource {

    static final String EXAMPLE_FINDINGS = """
            [{"id":"4f1c2a9b0e7d","host":"h1","kind":"ORPHAN_CONTAINER","unit":42,"container":"9a3f...","port":8290,\
            "detail":"container berth-aaa-8290 (running) is labelled as Berth's but names unit 42, which host h1 does\
             not have (deleted, or never Berth's here)","repair":"remove container berth-aaa-8290 and the firewall\
             rules of port 8290","noRepair":null,"remedy":"REMOVE_CONTAINER","natRule":null,"closePort":8290},\
            {"id":"0b8e61d2c4aa","host":"h1","kind":"PORT_HELD","unit":3,"container":null,"port":8283,\
            "detail":"port 8283 of unit 3 on host h1 is held by a process on host h1 outside its containers",\
            "repair":null,"noRepair":"only an operator can free it: stop what holds it, or give unit 3 another port",\
            "remedy":"NONE","natRule":null,"closePort":null}]""";
    static final String EXAMPLE_OUTCOMES = """
            [{"id":"4f1c2a9b0e7d","host":"h1","kind":"ORPHAN_CONTAINER","unit":42,"status":"DONE",\
            "detail":"container 9a3f... removed, firewall rules of port 8290 removed"},\
            {"id":"0b8e61d2c4aa","host":"h1","kind":"PORT_HELD","unit":3,"status":"REFUSED",\
            "detail":"refused: only an operator can free it: stop what holds it, or give unit 3 another port"}]""";

    @EJB
    Drift drift;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "List drift", description = "Asks the agent of each ONLINE host (or of the one named) what"
            + " it holds, against the host's units as Berth keeps them and the start each would get now. Each"
            + " finding has a stable id, what was found, and what its repair would do, or (repair null) why only an"
            + " operator can fix it.")
    @Parameter(name = "host", description = "only this host")
    @APIResponse(responseCode = "200", description = "The findings, none when the hosts are as Berth keeps them",
            content = @Content(schema = @Schema(implementation = Finding.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "findings", value = EXAMPLE_FINDINGS)))
    @APIResponse(responseCode = "403", description = "only an administrator may survey hosts for drift")
    @APIResponse(responseCode = "404", description = "no host named 'h9'")
    @APIResponse(responseCode = "503", description = "host h2 is OFFLINE; its drift can be surveyed once its agent"
            + " answers again")
    public List<Finding> findings(@QueryParam("host") String host) {
        return drift.findings(host, Callers.of(security));
    }

    @POST
    @Path("repair")
    @RolesAllowed(Callers.ADMIN)
    @Operation(summary = "Preview or repair drift", description = "Surveys anew and, for each finding named by id"
            + " (or all), previews its repair (dryRun: nothing changes, nothing is audited) or carries it out: an"
            + " orphan container is removed (with its port's firewall rules when no unit holds the port), a stale"
            + " DNAT rule deleted, a unit meant to run started as usual (which makes its container again); a held"
            + " port is refused. Each repair, refused and failed ones too, is audited as drift.repair.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RepairRequest.class),
            examples = {@ExampleObject(name = "preview", value = "{\"host\":\"h1\",\"all\":true,\"dryRun\":true}"),
                    @ExampleObject(name = "repair", value = "{\"ids\":[\"4f1c2a9b0e7d\"],\"dryRun\":false}")}))
    @APIResponse(responseCode = "200", description = "What became of each finding: PREVIEW, DONE, FAILED or REFUSED",
            content = @Content(schema = @Schema(implementation = RepairOutcome.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "outcomes", value = EXAMPLE_OUTCOMES)))
    @APIResponse(responseCode = "400", description = "name the findings to repair: \"ids\":[...] (GET /api/drift"
            + " lists them) or \"all\":true")
    @APIResponse(responseCode = "403", description = "only an administrator may repair drift")
    @APIResponse(responseCode = "503", description = "the agent of host h1 did not answer within 30 s; try again,"
            + " or check that it runs")
    public List<RepairOutcome> repair(RepairRequest request) {
        return drift.repair(request, Callers.of(security));
    }
}
