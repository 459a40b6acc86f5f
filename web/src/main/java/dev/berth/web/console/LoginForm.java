package dev.berth.web.console;

import dev.berth.web.platform.HttpLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The login page's form: hands the name and password to {@link HttpLogin} (through Jakarta Security, as the login
 * of this request), then goes to the page the caller's role starts at.
 */
@Named
@RequestScoped
public class LoginForm {

    /** Where a login lands: the console's start page, which sends each role on to its own. */
    static final String START = "/console/index.xhtml";

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    private String name;
    private String password;

    /** A caller who is already logged in does not see the form again. */
    public void skipWhenLoggedIn() throws IOException {
        if (security.getCallerPrincipal() != null) {
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + START);
        }
    }

    public void logIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate(
                (HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(name == null ? "" : name.trim(),
                                new Password(password == null ? "" : password))));
        switch (status) {
            case SUCCESS -> external.redirect(external.getRequestContextPath() + START);
            case SEND_CONTINUE -> faces.responseComplete();
            default -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong user name or password, or this user may not log in now.",
                    "If it happens again, wait a minute (repeated failures lock a name for a while) or ask an"
                            + " admin to reset the password."));
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
