package dev.berth.web.platform;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, a body that is no JSON) answer in the same JSON shape as
 * Berth's, and say what was wrong.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof ProcessingException cause) {
            return ErrorResponse.of(400, "the request body is not valid JSON for this call: " + rootMessage(cause));
        }
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return ErrorResponse.of(status, message);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
