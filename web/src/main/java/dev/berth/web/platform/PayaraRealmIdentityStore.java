package dev.berth.web.platform;

import dev.berth.users.boundary.DirectoryLogins;
import dev.berth.users.control.DirectorySettings;
import dev.berth.users.control.DirectoryUnavailableException;
import dev.berth.users.control.PasswordDirectory;
import dev.berth.users.entity.DirectoryAnswer;
import fish.payara.security.annotations.RealmIdentityStoreDefinition;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * A realm of the Payara server (a file realm, Payara's LDAPRealm, a JDBC realm, ...) as Berth's directory, on when
 * {@code BERTH_LOGIN_REALM} names it; it replaces the LDAP directory of {@code BERTH_LDAP_*}. The realm checks the
 * password and gives the groups; Berth maps them to roles and provisions the user at the first login as it does for
 * the LDAP directory ({@link DirectoryLogins}), and local users still log in with Berth's own passwords first.
 * <p>
 * The realm is asked through Payara's own {@code RealmIdentityStore}, the store behind
 * {@code @RealmIdentityStoreDefinition}: that annotation takes its realm's name when the code is compiled, so the
 * store is looked up as a bean and given the configured name. Payara falls back to its default realm for a name it
 * does not know; that is refused here: a realm that does not exist lets no one in.
 */
@ApplicationScoped
public class PayaraRealmIdentityStore implements IdentityStore {

    static final String PAYARA_STORE = "fish.payara.security.realm.identitystores.RealmIdentityStore";
    static final String PAYARA_REALM = "com.sun.enterprise.security.auth.realm.Realm";

    @EJB
    DirectoryLogins logins;

    @Inject
    DirectorySettings settings;

    @Inject
    BeanManager beans;

    @Inject
    Instance<HttpServletRequest> request;

    private volatile IdentityStore realmStore;

    /** The annotation's value as Payara's store reads it. */
    @SuppressWarnings("all")
    static final class Definition extends AnnotationLiteral<RealmIdentityStoreDefinition>
            implements RealmIdentityStoreDefinition {

        private final String realm;

        Definition(String realm) {
            this.realm = realm;
        }

        @Override
        public String value() {
            return realm;
        }
    }

    @Override
    public Set<ValidationType> validationTypes() {
        // PROVIDE_GROUPS too: the standard handler takes a validating store's groups only from a store that says so
        return settings.realm().isPresent() ? EnumSet.allOf(ValidationType.class) : Set.of();
    }

    @Override
    public int priority() {
        return DirectoryIdentityStore.PRIORITY;
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String realm = settings.realm().orElseThrow();
        PasswordDirectory directory = (name, password) -> {
            CredentialValidationResult result = store(realm).validate(new UsernamePasswordCredential(name,
                    password));
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? DirectoryAnswer.accepted(result.getCallerGroups(), null)
                    : DirectoryAnswer.refused("refused by the realm '" + realm + "' (a wrong password, no such"
                    + " user, or a user in no group)");
        };
        return DirectoryIdentityStore.result(credential.getCaller(), () -> logins.verify(credential.getCaller(),
                credential.getPasswordAsString(), DirectoryIdentityStore.source(request), directory));
    }

    private IdentityStore store(String realm) {
        IdentityStore store = realmStore;
        if (store == null) {
            synchronized (this) {
                if (realmStore == null) {
                    realmStore = payaraStore(realm);
                }
                store = realmStore;
            }
        }
        return store;
    }

    private IdentityStore payaraStore(String realm) {
        try {
            Class<?> type = Class.forName(PAYARA_STORE, true, PayaraRealmIdentityStore.class.getClassLoader());
            Class<?> realms = Class.forName(PAYARA_REALM, true, type.getClassLoader());
            if (!Boolean.TRUE.equals(realms.getMethod("isValidRealm", String.class).invoke(null, realm))) {
                throw new DirectoryUnavailableException("the server has no realm named '" + realm + "'"
                        + " (BERTH_LOGIN_REALM): create it first, e.g. with create-auth-realm in the file of"
                        + " BERTH_POST_BOOT_COMMANDS", null);
            }
            Bean<?> bean = beans.resolve(beans.getBeans(type));
            IdentityStore store = (IdentityStore) beans.getReference(bean, type, beans.createCreationalContext(bean));
            type.getMethod("setConfiguration", RealmIdentityStoreDefinition.class).invoke(store,
                    new Definition(realm));
            return store;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (e instanceof DirectoryUnavailableException unavailable) {
                throw unavailable;
            }
            throw new DirectoryUnavailableException("Payara's realm identity store cannot be used for the realm '"
                    + realm + "': " + e, e);
        }
    }
}
