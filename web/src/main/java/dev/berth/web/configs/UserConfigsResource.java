package dev.berth.web.configs;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.web.platform.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /users/{name}/config}: the user's {@code raqsoftConfig.xml} and {@code unitServer.xml}, generated unless an
 * admin edited them. A file's body is its XML; the header {@code X-Berth-Config} says {@code generated} or
 * {@code edited}.
 */
@Path("users/{name}/config")
@RequestScoped
public class UserConfigsResource {

    static final String ORIGIN = "X-Berth-Config";

    @EJB
    UserConfigs configs;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ConfigFileView> all(@PathParam("name") String user) {
        return configs.all(user, Callers.of(security)).stream().map(ConfigFileView::of).toList();
    }

    @GET
    @Path("{file}")
    @Produces(MediaType.APPLICATION_XML + ";charset=UTF-8")
    public Response get(@PathParam("name") String user, @PathParam("file") String file) {
        UserConfigs.File found = configs.get(user, file, Callers.of(security));
        return Response.ok(found.content()).header(ORIGIN, found.edited() ? "edited" : "generated").build();
    }

    @PUT
    @Path("{file}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public ConfigFileView edit(@PathParam("name") String user, @PathParam("file") String file, String content) {
        return ConfigFileView.of(configs.edit(user, file, content, Callers.of(security)));
    }

    @DELETE
    @Path("{file}")
    @Produces(MediaType.APPLICATION_JSON)
    public ConfigFileView revert(@PathParam("name") String user, @PathParam("file") String file) {
        return ConfigFileView.of(configs.revert(user, file, Callers.of(security)));
    }
}
