package dev.berth.web.audit;

import dev.berth.audit.boundary.AuditQuery;
import dev.berth.audit.boundary.AuditRecords;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.web.platform.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/audit.csv}: the audit trail as a CSV file, for an admin, with the console's filters. */
@Path("audit.csv")
@Tag(name = "audit")
@RequestScoped
public class AuditCsvResource {

    static final String TEXT_CSV = "text/csv";

    @EJB
    AuditRecords records;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed(Callers.ADMIN)
    @Produces(TEXT_CSV + ";charset=UTF-8")
    @Operation(summary = "Export the audit trail as CSV", description = "Every record the filters find, newest"
            + " first, as RFC 4180 CSV (UTF-8, CRLF; fields with a comma, quote or line break quoted; a field a"
            + " spreadsheet would read as a formula starts with '). The same filters as the console's audit page.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(mediaType = TEXT_CSV,
            examples = @ExampleObject(name = "csv", value = AuditCsv.HEADER + "\r\n"
                    + "42,2026-11-29T10:00:02Z,agent:h1,unit.start,unit 1,aaa,1,SUCCEEDED,\"command 6f1c2a4e:"
                    + " RUNNING, pid 7\"\r\n")))
    @APIResponse(responseCode = "400", description = "from '29.11.2026' is no time: give an instant such as"
            + " 2026-11-29T10:00:00Z or a day such as 2026-11-29 (UTC)", content = @Content(
            examples = @ExampleObject(name = "bad time", value = "{\"error\":\"from '29.11.2026' is no time: give an"
                    + " instant such as 2026-11-29T10:00:00Z or a day such as 2026-11-29 (UTC)\"}")))
    @APIResponse(responseCode = "403", description = "only an administrator may export the audit trail",
            content = @Content(examples = @ExampleObject(name = "refused", value = "{\"error\":\"this account may"
                    + " not use this part of the API\"}")))
    public Response export(@Parameter(description = "only records about this user", example = "aaa")
                           @QueryParam("user") String user,
                           @Parameter(description = "only records about this unit", example = "1")
                           @QueryParam("unit") Long unit,
                           @Parameter(description = "only this action, or actions beginning so", example = "unit.")
                           @QueryParam("action") String action,
                           @Parameter(description = "only this outcome: ACCEPTED, SUCCEEDED or FAILED")
                           @QueryParam("outcome") String outcome,
                           @Parameter(description = "records at or after: an instant or a day (UTC)",
                                   example = "2026-11-29") @QueryParam("from") String from,
                           @Parameter(description = "records before: an instant or a day (UTC)",
                                   example = "2026-11-30T00:00:00Z") @QueryParam("to") String to) {
        AuditQuery query = new AuditQuery(user, unit, action, outcome(outcome), AuditCsv.time("from", from),
                AuditCsv.time("to", to));
        Actor actor = Callers.of(security);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            AuditCsv.write(records, query, actor, writer);
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"berth-audit.csv\"").build();
    }

    static Outcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("outcome '" + text + "' is unknown: use ACCEPTED, SUCCEEDED or FAILED");
        }
    }
}
