package dev.berth.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Login for the API: HTTP Basic against the user table ({@link UserTableIdentityStore}), preceded by the body limit.
 * <p>
 * Jakarta Security's mechanism runs before any servlet filter (the container authenticates first), so a filter could
 * not refuse an oversized body before the login is checked: this mechanism does, on the declared
 * {@code Content-Length}, and answers 413 without reading the body. Bodies without a length (chunked) are counted by
 * {@link BodyLimitFilter} as they are read, after the login. Apart from that it is the Basic mechanism of the
 * standard: credentials on every request, 401 with a {@code WWW-Authenticate} challenge without or with wrong ones.
 */
@ApplicationScoped
public class BasicLogin implements HttpAuthenticationMechanism {

    static final String REALM = "berth";

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
