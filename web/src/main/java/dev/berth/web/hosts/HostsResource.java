package dev.berth.web.hosts;

import dev.berth.hosts.boundary.Hosts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    @EJB
    Hosts hosts;

    @GET
    public List<HostView> all() {
        return hosts.all().stream().map(HostView::of).toList();
    }

    @GET
    @Path("{name}")
    public HostView get(@PathParam("name") String name) {
        return HostView.of(hosts.get(name));
    }
}
