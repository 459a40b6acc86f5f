package dev.berth.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The one login of the manager, for its two kinds of client.
 * <ul>
 * <li><b>The API</b> ({@code /api/*}): HTTP Basic on every request, preceded by the body limit. Jakarta Security's
 * mechanism runs before any servlet filter, so a filter could not refuse an oversized body before the login is
 * checked: this mechanism does, on the declared {@code Content-Length}, and answers 413 without reading the body.
 * Bodies without a length (chunked) are counted by {@link BodyLimitFilter} as they are read, after the login. An API
 * request never logs in through a browser's session cookie: a page of another site could make the browser send it.
 * <li><b>The console</b> (everything else): the login page hands the name and password over with
 * {@code SecurityContext.authenticate}; once they are valid, the caller is kept in the HTTP session (under a new
 * session id) and every later request of that session is logged in from it, without checking the password again.
 * A protected page without a session is redirected to the login page.
 * </ul>
 * The identity stores decide who may log in and with which role; see {@link UserTableIdentityStore}.
 */
@ApplicationScoped
public class HttpLogin implements HttpAuthenticationMechanism {

    static final String REALM = "berth";
    /** Where the console's login form lives; not protected. */
    public static final String LOGIN_PAGE = "/login.xhtml";
    /** The session attribute that holds the logged-in caller of the console. */
    public static final String SESSION_CALLER = "berth.caller";

    /** The console's caller as the session keeps it: the name and the groups (roles) of the login. */
    public record SessionCaller(String name, Set<String> groups) implements Serializable {
    }

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    BodyLimits limits;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        BodyLimits.Limit limit = limits.of(request);
        if (request.getContentLengthLong() > limit.bytes()) {
            try {
                BodyLimits.refuse(response, limit);
            } catch (IOException gone) {
                // the client left; nothing to answer
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return isApi(request) ? api(request, response, context) : console(request, context);
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        String[] credentials = credentials(request);
        if (credentials != null) {
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(credentials[0], credentials[1]));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(response, context);
        }
        return context.isProtected() ? challenge(response, context) : context.doNothing();
    }

    private AuthenticationStatus console(HttpServletRequest request, HttpMessageContext context) {
        Credential given = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (given != null) {
            // the login page's form: check it, then keep the caller in a session with a new id (no fixation)
            CredentialValidationResult result = identityStores.validate(given);
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            HttpSession session = request.getSession(false);
            if (session == null) {
                session = request.getSession(true);
            } else {
                request.changeSessionId();
            }
            session.setAttribute(SESSION_CALLER, new SessionCaller(
                    result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
            return context.notifyContainerAboutLogin(result);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof SessionCaller caller) {
            return context.notifyContainerAboutLogin(caller.name(), caller.groups());
        }
        return context.isProtected() ? context.redirect(request.getContextPath() + LOGIN_PAGE) : context.doNothing();
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        return context.responseUnauthorized();
    }

    /** User and password of a Basic {@code Authorization} header; null when there is none or it is unreadable. */
    static String[] credentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
