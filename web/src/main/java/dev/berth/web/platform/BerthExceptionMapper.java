package dev.berth.web.platform;

import dev.berth.platform.entity.BerthException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A business failure becomes its HTTP status with the boundary's explanation. */
@Provider
public class BerthExceptionMapper implements ExceptionMapper<BerthException> {

    @Override
    public Response toResponse(BerthException e) {
        return ErrorResponse.of(e.problem().status, e.getMessage());
    }
}
