package dev.berth.web.platform;

import dev.berth.platform.control.ManagerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
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
import java.util.Optional;
import java.util.Set;

/**
 * The one login of the manager, for its two kinds of client.
 * <ul>
 * <li><b>The API</b> ({@code /api/*}): on every request either HTTP Basic (a user's name and password) or
 * {@code Authorization: Bearer <token>} (an API token, {@link TokenIdentityStore}), preceded by the body limit.
 * Jakarta Security's mechanism runs before any servlet filter, so a filter could not refuse an oversized body before
 * the login is checked: this mechanism does, on the declared {@code Content-Length}, and answers 413 without reading
 * the body. Bodies without a length (chunked) are counted by {@link BodyLimitFilter} as they are read, after the
 * login. An API request never logs in through a browser's session cookie: a page of another site could make the
 * browser send it.
 * <li><b>The console</b> (everything else): the login page hands the name and password over with
 * {@code SecurityContext.authenticate}; once they are valid, the caller is kept in the HTTP session (under a new
 * session id, with the idle timeout {@code BERTH_CONSOLE_IDLE_MINUTES}, registered with {@link ConsoleSessions} so
 * that disabling the user ends it) and every later request of that session is logged in from it, without checking
 * the password again. A protected page without a session is redirected to the login page.
 * </ul>
 * Before either, a request that may change something and was sent from another site's page is refused with 403
 * ({@link CrossSiteRequests}): the browser's cookie or cached Basic credentials do not make it the user's.
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

    @Inject
    ConsoleSessions sessions;

    @Inject
    ManagerConfig config;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        BodyLimits.Limit limit = limits.of(request);
        try {
            if (request.getContentLengthLong() > limit.bytes()) {
                BodyLimits.refuse(response, limit);
                return AuthenticationStatus.SEND_CONTINUE;
            }
            Optional<String> crossSite = CrossSiteRequests.refusal(request.getMethod(), request.getHeader("Host"),
                    request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
            if (crossSite.isPresent()) {
                refuse(response, crossSite.get());
                return AuthenticationStatus.SEND_CONTINUE;
            }
        } catch (IOException gone) {
            // the client left; nothing to answer
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return isApi(request) ? api(request, response, context) : console(request, response, context);
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        Credential credential = apiCredential(request);
        if (credential != null) {
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(response, context);
        }
        return context.isProtected() ? challenge(response, context) : context.doNothing();
    }

    /** A Bearer token or Basic credentials of the {@code Authorization} header; null when there are none. */
    private static Credential apiCredential(HttpServletRequest request) {
        String token = bearer(request);
        if (token != null) {
            return new BearerCredential(token);
        }
        String[] credentials = credentials(request);
        return credentials == null ? null : new UsernamePasswordCredential(credentials[0], credentials[1]);
    }

    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
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
            String name = result.getCallerPrincipal().getName();
            session.setAttribute(SESSION_CALLER, new SessionCaller(name, Set.copyOf(result.getCallerGroups())));
            session.setMaxInactiveInterval((int) config.consoleIdle().toSeconds());
            sessions.loggedIn(name, session);
            return context.notifyContainerAboutLogin(result);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof SessionCaller caller) {
            return context.notifyContainerAboutLogin(caller.name(), caller.groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isAjax(request)) {
            // a page's Ajax request (e.g. after the idle timeout): Faces' own redirect, which the page follows
            try {
                ajaxRedirect(response, request.getContextPath() + LOGIN_PAGE);
            } catch (IOException gone) {
                // the client left; nothing to answer
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        return context.responseUnauthorized();
    }

    /** A 403 for a cross-site request: JSON for the API, a line of text for a page. */
    private static void refuse(HttpServletResponse response, String reason) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (JsonGenerator json = Json.createGenerator(response.getWriter())) {
            json.writeStartObject().write("error", reason).writeEnd();
        }
    }

    /** Whether a console page sent this as a Faces Ajax request, which takes its redirect as a partial response. */
    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    /** Sends a Faces Ajax request's page to {@code location}: an XHR cannot follow a 302 for its page. */
    private static void ajaxRedirect(HttpServletResponse response, String location) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/xml");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                + location.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                + "\"/></partial-response>");
    }

    /** The token of a Bearer {@code Authorization} header; null when there is none. */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
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
