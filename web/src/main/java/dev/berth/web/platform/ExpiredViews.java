package dev.berth.web.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A console form came back with a view state the server does not hold: its session ended (logout, idle timeout, the
 * user disabled) or the state was never Berth's (a forged form). Faces did nothing with it; this sends the browser
 * to load the page again (303; for an Ajax request Faces' partial-response redirect), which shows it afresh, or the
 * login page when the session is gone.
 */
@WebServlet("/errors/expired")
public class ExpiredViews extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String page = uri == null ? request.getContextPath() + HttpLogin.LOGIN_PAGE : uri.toString();
        if (HttpLogin.isAjax(request)) {
            HttpLogin.ajaxRedirect(response, page);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", page);
    }
}
