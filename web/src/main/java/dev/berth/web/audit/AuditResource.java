package dev.berth.web.audit;

import dev.berth.audit.boundary.AuditRecords;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("audit")
@Tag(name = "audit", description = "Who did what, when, and how it ended")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RetriedOnConflict
public class AuditResource {

    @EJB
    AuditRecords records;

    @Context
    SecurityContext security;

    /** Newest first; {@code unit} and {@code user} filter, {@code limit} caps (1..1000, default 100). */
    @GET
    @Operation(summary = "Read the audit trail", description = "Newest first. Admins read all; a user their own"
            + " records.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(
            schema = @Schema(implementation = AuditView.class, type = SchemaType.ARRAY), examples = @ExampleObject(
            name = "records", value = "[{\"time\":\"2026-11-29T10:00:02Z\",\"actor\":\"agent:h1\",\"action\":"
                    + "\"unit.start\",\"target\":\"unit 1\",\"outcome\":\"SUCCEEDED\",\"detail\":\"command 6f1c2a4e:"
                    + " RUNNING\"}]")))
    @APIResponse(responseCode = "400", description = "limit must be between 1 and 1000, was 0")
    @APIResponse(responseCode = "403", description = "bbb may read only their own audit records")
    public List<AuditView> newest(@Parameter(description = "only this unit's records") @QueryParam("unit") Long unit,
                                  @Parameter(description = "only this user's records") @QueryParam("user") String user,
                                  @Parameter(description = "at most this many, 1..1000", example = "100")
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        return records.newest(unit, user, limit, Callers.of(security)).stream().map(AuditView::of).toList();
    }
}
