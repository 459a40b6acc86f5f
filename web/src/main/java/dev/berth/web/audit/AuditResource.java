package dev.berth.web.audit;

import dev.berth.audit.boundary.AuditRecords;
import dev.berth.web.platform.Callers;
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

@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    AuditRecords records;

    @Context
    SecurityContext security;

    /** Newest first; {@code unit} and {@code user} filter, {@code limit} caps (1..1000, default 100). */
    @GET
    public List<AuditView> newest(@QueryParam("unit") Long unit, @QueryParam("user") String user,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        return records.newest(unit, user, limit, Callers.of(security)).stream().map(AuditView::of).toList();
    }
}
