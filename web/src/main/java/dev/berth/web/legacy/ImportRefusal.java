package dev.berth.web.legacy;

import dev.berth.legacy.control.ImportRefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A refused legacy file: 400 {@code {"error": "...", "problems": ["line 3: ...", ...]}}. */
@Provider
public class ImportRefusal implements ExceptionMapper<ImportRefusedException> {

    /**
     * The answer's body.
     *
     * @param problems every problem of the file as {@code line N: what is wrong}
     */
    public record Body(String error, List<String> problems) {
    }

    @Override
    public Response toResponse(ImportRefusedException e) {
        return Response.status(e.problem().status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Body(e.getMessage(), e.problems())).build();
    }
}
