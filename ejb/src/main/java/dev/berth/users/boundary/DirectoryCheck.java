package dev.berth.users.boundary;

import dev.berth.users.control.Directory;
import dev.berth.users.control.DirectoryRevocations;
import dev.berth.users.control.DirectorySettings;
import dev.berth.users.control.DirectoryUnavailableException;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.DirectoryEntry;
import dev.berth.users.entity.GroupMapping;
import dev.berth.users.entity.Origin;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every {@code BERTH_LDAP_CHECK_SECONDS} (60): asks the LDAP directory again about each directory user who logged in
 * within {@code BERTH_LDAP_CHECK_WITHIN_SECONDS}, and ends the logins ({@link AccessRevoked}, {@code login.revoked})
 * of those it no longer lets in: gone, locked, or in no group that maps to a role. A role that changed takes effect
 * at the user's next login. When the directory does not answer, the round is skipped: no one is revoked for that.
 * Off without an LDAP directory (a Payara realm cannot be asked about a user without their password).
 * <p>
 * Checks the LDAP settings at deployment: a directory named without where its users and groups are stops the start
 * with a message saying which setting is missing.
 */
@Singleton
@Startup
// after the recovery of transactions in doubt (see LocalHostEnrollment)
@DependsOn("TransactionRecovery")
public class DirectoryCheck {

    private static final Logger LOG = Logger.getLogger(DirectoryCheck.class.getName());

    @Resource
    TimerService timers;

    @PersistenceContext
    EntityManager em;

    @Inject
    DirectorySettings settings;

    @Inject
    Directory directory;

    @Inject
    DirectoryRevocations revocations;

    @PostConstruct
    void schedule() {
        if (settings.realmReplacesLdap()) {
            LOG.warning("BERTH_LOGIN_REALM is set: the realm '" + settings.realm().orElseThrow() + "' checks logins"
                    + " and the LDAP settings (BERTH_LDAP_URL, ...) are not used");
        }
        Optional<DirectorySettings.Ldap> ldap = settings.ldap();
        if (ldap.isPresent()) {
            long every = settings.checkEvery().toMillis();
            timers.createIntervalTimer(every, every, new TimerConfig("directory check", false));
            LOG.info(() -> "logins of names that are no local user's are checked against the LDAP directory at "
                    + ldap.get().url() + "; its users are checked again every " + settings.checkEvery().toSeconds()
                    + " s");
        }
    }

    @Timeout
    void check() {
        GroupMapping mapping = settings.mapping();
        List<AppUser> recent = em.createNamedQuery(AppUser.DIRECTORY_LOGINS_SINCE, AppUser.class)
                .setParameter("directory", Origin.DIRECTORY)
                .setParameter("since", Instant.now().minus(settings.checkWithin())).getResultList();
        for (AppUser user : recent) {
            Optional<DirectoryEntry> entry;
            try {
                entry = directory.find(user.getName());
            } catch (DirectoryUnavailableException e) {
                LOG.warning(() -> "the periodic check of directory users is skipped: " + e.getMessage());
                return;
            }
            Optional<String> why = entry.isEmpty() ? Optional.of("not in the directory any more")
                    : entry.get().lock().map(lock -> "locked in the directory (" + lock + ")")
                    .or(() -> mapping.roleOf(entry.get().groups()).isPresent() ? Optional.empty()
                            : Optional.of("in no group that maps to a role (groups " + entry.get().groups() + ")"));
            why.ifPresent(reason -> revocations.revoke(user, reason, "the periodic check"));
        }
    }
}
