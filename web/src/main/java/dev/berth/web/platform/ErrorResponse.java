package dev.berth.web.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error the API answers: {@code {"error": "<what was wrong and what to do>"}}.
 *
 * @param error the explanation for the person who sent the request
 */
public record ErrorResponse(String error) {

    public static Response of(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(error)).build();
    }
}
