package dev.berth.web.hosts;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.AgentCredentials;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Hosts: defined by admins (docker_server.xml's settings) and reported by their agents; enrolled (their agent's
 * broker account issued, once), re-keyed and removed by admins.
 */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HostsResource {

    /** What an admin sends to define a host: its name and {@link HostSettings}. */
    public record NewHost(String name, String address, String shareDir, Integer portMin, Integer portMax,
                          Boolean manager, Integer commPort) {
    }

    @EJB
    Hosts hosts;

    @Context
    SecurityContext security;

    @GET
    public List<HostView> all() {
        return hosts.all().stream().map(HostView::of).toList();
    }

    @GET
    @Path("{name}")
    public HostView get(@PathParam("name") String name) {
        return HostView.of(hosts.get(name));
    }

    @POST
    public Response define(NewHost request, @Context UriInfo uri) {
        HostSettings settings = request == null ? null : new HostSettings(request.address(), request.shareDir(),
                request.portMin(), request.portMax(), request.manager(), request.commPort());
        HostView created = HostView.of(hosts.define(request == null ? null : request.name(), settings,
                Callers.of(security)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /**
     * Issues the host's agent its broker account: {@code {"host","user","password"}}, answered this once (Berth keeps
     * only a hash). A host enrolled before is re-keyed: its old password stops working and its sessions end.
     */
    @POST
    @Path("{name}/enrollment")
    public Response enroll(@PathParam("name") String name, @Context UriInfo uri) {
        AgentCredentials credentials = hosts.enroll(name, Callers.of(security));
        return Response.created(uri.getBaseUriBuilder().path("hosts").path(name).build()).entity(credentials)
                .header("Cache-Control", "no-store").build();
    }

    /** Removes a host without units, and revokes its agent's broker account. */
    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        hosts.remove(name, Callers.of(security));
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}")
    public HostView configure(@PathParam("name") String name, HostSettings settings) {
        return HostView.of(hosts.configure(name, settings, Callers.of(security)));
    }
}
