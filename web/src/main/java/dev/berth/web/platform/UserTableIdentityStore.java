package dev.berth.web.platform;

import dev.berth.users.boundary.Logins;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The user table as Jakarta Security's identity store: the PBKDF2 check, the login throttle and the disabled flag
 * are the boundary's ({@link Logins}); the user's role is their group. It replaces the standard database identity
 * store, which knows no throttle and would answer an unknown name faster than a known one.
 */
@ApplicationScoped
public class UserTableIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(UserTableIdentityStore.class.getName());

    @EJB
    Logins logins;

    @Inject
    Instance<HttpServletRequest> request;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<Role> role;
        try {
            role = logins.verify(credential.getCaller(), credential.getPasswordAsString(), source());
        } catch (RuntimeException e) {
            // e.g. two failures of one new name at once: one of them could not record itself; still a refusal
            LOG.log(Level.WARNING, "login of '" + credential.getCaller() + "' refused: it could not be checked", e);
            return CredentialValidationResult.INVALID_RESULT;
        }
        return role.map(r -> new CredentialValidationResult(credential.getCaller(), Set.of(r.name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private String source() {
        try {
            return request.get().getRemoteAddr();
        } catch (RuntimeException noRequest) {
            return "unknown";
        }
    }
}
