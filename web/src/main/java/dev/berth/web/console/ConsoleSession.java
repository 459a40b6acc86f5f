package dev.berth.web.console;

import dev.berth.platform.entity.Actor;
import dev.berth.web.platform.Callers;
import dev.berth.web.platform.HttpLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** Who is logged in to the console, as the pages and the other beans need it; and the logout. */
@Named
@RequestScoped
public class ConsoleSession {

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    public String getName() {
        return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
    }

    public boolean isAdmin() {
        return security.isCallerInRole(Callers.ADMIN);
    }

    /** The caller as the boundaries know it. */
    public Actor actor() {
        return new Actor(getName(), isAdmin());
    }

    /** The console's start: admins begin at the dashboard, users at their units. */
    public void start() throws IOException {
        ExternalContext external = faces.getExternalContext();
        external.redirect(external.getRequestContextPath() + (isAdmin() ? "/console/admin/dashboard.xhtml"
                : "/console/units.xhtml"));
    }

    public void logOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + HttpLogin.LOGIN_PAGE);
    }
}
