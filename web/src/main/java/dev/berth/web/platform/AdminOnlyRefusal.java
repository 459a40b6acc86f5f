package dev.berth.web.platform;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A caller refused by {@code @RolesAllowed} gets 403 in the API's JSON shape, saying what only an administrator may
 * do: the operation's summary, the same words the contract shows ("only an administrator may define a unit").
 */
@Provider
public class AdminOnlyRefusal implements ExceptionMapper<ForbiddenException> {

    @Context
    ResourceInfo resource;

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(ForbiddenException e) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Operation operation = method == null ? null : method.getAnnotation(Operation.class);
        String what = operation == null ? "do this" : operation.summary().substring(0, 1).toLowerCase(Locale.ROOT)
                + operation.summary().substring(1);
        String who = security.getUserPrincipal() == null ? "this caller" : security.getUserPrincipal().getName();
        return ErrorResponse.of(403, "only an administrator may " + what + "; " + who + " is no administrator");
    }
}
