package dev.berth.web.platform;

import dev.berth.users.boundary.DirectoryLogins;
import dev.berth.users.control.DirectorySettings;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The LDAP directory as Jakarta Security's identity store, on when {@code BERTH_LDAP_URL} is set (and no realm
 * replaces it, {@link PayaraRealmIdentityStore}). It is asked after the user table ({@link UserTableIdentityStore}):
 * the standard handler asks the stores in the order of their priority, lowest first, until one says VALID. The rules
 * (a local user is never the directory's, a directory user never the table's; groups, roles, first-login
 * provisioning, throttle) are the boundary's, {@link DirectoryLogins}.
 */
@ApplicationScoped
public class DirectoryIdentityStore implements IdentityStore {

    /** After the user table, whose priority is the standard's default (100). */
    static final int PRIORITY = 200;

    private static final Logger LOG = Logger.getLogger(DirectoryIdentityStore.class.getName());

    @EJB
    DirectoryLogins logins;

    @Inject
    DirectorySettings settings;

    @Inject
    Instance<HttpServletRequest> request;

    @Override
    public Set<ValidationType> validationTypes() {
        // PROVIDE_GROUPS too: the standard handler takes a validating store's groups only from a store that says so
        return settings.ldap().isPresent() ? EnumSet.allOf(ValidationType.class) : Set.of();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return result(credential.getCaller(), () -> logins.verify(credential.getCaller(),
                credential.getPasswordAsString(), source(request)));
    }

    /**
     * The store's answer to the boundary's: tried twice when it failed, because the first login of a new name, sent
     * twice at once, makes the user once and the second insert fails; then the user is there.
     */
    static CredentialValidationResult result(String caller, Supplier<Optional<Role>> verification) {
        Optional<Role> role;
        try {
            role = verification.get();
        } catch (RuntimeException first) {
            try {
                role = verification.get();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "login of '" + caller + "' refused: it could not be checked", e);
                return CredentialValidationResult.INVALID_RESULT;
            }
        }
        return role.map(r -> new CredentialValidationResult(caller, Set.of(r.name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** The client's address, for the audit trail. */
    static String source(Instance<HttpServletRequest> request) {
        try {
            return request.get().getRemoteAddr();
        } catch (RuntimeException noRequest) {
            return "unknown";
        }
    }
}
