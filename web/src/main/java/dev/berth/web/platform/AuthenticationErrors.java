package dev.berth.web.platform;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container refuses unauthenticated and unauthorised calls before JAX-RS sees them; this error page gives those
 * refusals the API's JSON shape and says what to do.
 */
@WebServlet("/errors/authentication")
public class AuthenticationErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = response.getStatus();
        String error;
        if (status != HttpServletResponse.SC_UNAUTHORIZED) {
            error = "this account may not use this part of the API";
        } else if (request.getHeader("Authorization") == null) {
            error = "log in first: send HTTP Basic credentials of a Berth user (e.g. curl -u admin:<password>)";
        } else {
            // the same words whatever the reason, so that the answer tells nothing about the name
            error = "these credentials are not accepted: the name or password is wrong, the user is disabled, or"
                    + " logins with this name failed too often (then wait a while, or ask an admin to reset the"
                    + " password)";
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }
}
