package dev.berth.web.legacy;

import dev.berth.legacy.boundary.Exports;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/export/users|servers|unitserver}: Berth's state as the legacy files, UTF-8 XML. */
@Path("export")
@RequestScoped
@Produces("application/xml;charset=UTF-8")
public class ExportsResource {

    @EJB
    Exports exports;

    @Context
    SecurityContext security;

    @GET
    @Path("users")
    public Response users() {
        return file(exports.users(Callers.of(security)), "docker_user.xml");
    }

    @GET
    @Path("servers")
    public Response servers(@QueryParam("host") String host) {
        return file(exports.server(host, Callers.of(security)), "docker_server.xml");
    }

    @GET
    @Path("unitserver")
    public Response unitServer(@QueryParam("user") String user) {
        return file(exports.unitServer(user, Callers.of(security)), "unitServer.xml");
    }

    private static Response file(String xml, String name) {
        return Response.ok(xml).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
