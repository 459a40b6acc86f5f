package dev.berth.web.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container refuses unauthenticated and unauthorised calls before JAX-RS sees them; this error page gives those
 * refusals the API's JSON shape and says what to do. A console page an account may not open (a user typing an admin
 * page's address) gets a short page instead, with the way back.
 */
@WebServlet("/errors/authentication")
public class AuthenticationErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = response.getStatus();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && !uri.toString().startsWith(request.getContextPath() + "/api")) {
            page(request, response);
            return;
        }
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

    private static void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Not allowed · Berth</title></head>"
                + "<body style=\"font-family:system-ui,sans-serif;margin:12vh auto;max-width:32rem\">"
                + "<h1 id=\"refused\">This page is not for your account</h1>"
                + "<p>Only admins may open it. <a id=\"back\" href=\"" + request.getContextPath()
                + "/console/index.xhtml\">Back to the console</a></p></body></html>");
    }
}
