package dev.berth.web.platform;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is no JSON, or JSON of the wrong shape, reaches JAX-RS as a processing failure of the entity
 * stream: it is the caller's mistake, so 400 with the parser's words.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        return ErrorResponse.of(400, "the request body is not valid JSON for this call: "
                + WebApplicationExceptionMapper.rootMessage(e));
    }
}
