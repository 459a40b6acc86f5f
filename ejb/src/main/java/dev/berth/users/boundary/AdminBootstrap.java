package dev.berth.users.boundary;

import dev.berth.platform.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start, creates the administrator {@code admin}: with {@code BERTH_ADMIN_PASSWORD} when given, else
 * with a generated password kept in {@code <data dir>/admin.password} (owner-only; never logged). {@code ./berth
 * admin-password} rotates it later.
 */
@Singleton
@Startup
// after the recovery of transactions in doubt (see LocalHostEnrollment)
@DependsOn("TransactionRecovery")
public class AdminBootstrap {

    public static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "admin.password";

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @EJB
    Users users;

    @Inject
    DataDirectory data;

    @Inject
    @ConfigProperty(name = "berth.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void createAdminOnFirstStart() {
        if (users.find(ADMIN).isPresent()) {
            return;
        }
        String password = configuredPassword.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::generate);
        users.createFirstAdmin(ADMIN, password);
        if (configuredPassword.filter(p -> !p.isBlank()).isPresent()) {
            LOG.info("created administrator 'admin' with the password from BERTH_ADMIN_PASSWORD");
        } else {
            data.writeSecret(PASSWORD_FILE, password);
            // the password itself never goes into a log line
            LOG.info(() -> "created administrator 'admin' with a generated password, kept in "
                    + data.resolve(PASSWORD_FILE) + " (readable by its owner only)");
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
