package dev.berth.web.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * A request that breaks the constraints on its body or parameters (Bean Validation) is the caller's mistake: 400
 * with every broken rule's message, in the API's JSON shape. The messages are written to stand alone ("port 80 is
 * outside 1024..65535"), so no property path is added.
 */
@Provider
public class InvalidRequest implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        String messages = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .distinct().collect(Collectors.joining("; "));
        return ErrorResponse.of(400, messages.isEmpty() ? "the request is not valid" : messages);
    }
}
