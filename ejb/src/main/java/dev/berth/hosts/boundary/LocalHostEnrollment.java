package dev.berth.hosts.boundary;

import dev.berth.platform.boundary.EmbeddedBroker;
import dev.berth.platform.boundary.StartupState;
import dev.berth.platform.control.ManagerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The embedded default needs no set-up: at the first start the manager's own host (the agent deployed in the same
 * process, {@code BERTH_AGENT_HOST}) is enrolled with the password the launcher generated into {@code secrets.env}
 * ({@code BERTH_BROKER_AGENT_PASSWORD}). Nothing happens when either is missing (a manager without a local agent)
 * or when the host is enrolled already. Then the embedded broker opens to its clients: the local agent, which starts
 * with the manager, finds its account there at its first login (a refused login the broker remembers for 10 s).
 */
@Singleton
@Startup
// after the recovery of transactions in doubt: until it ran, the transaction manager holds back every transaction
// that enlists the database, and this one would hold up the broker's start, which the recovery needs
@DependsOn("TransactionRecovery")
public class LocalHostEnrollment {

    @Inject
    ManagerConfig config;

    private static final Logger LOG = Logger.getLogger(LocalHostEnrollment.class.getName());

    @EJB
    Hosts hosts;

    @Inject
    @ConfigProperty(name = "berth.broker.agent-password")
    Optional<String> password;

    @EJB
    EmbeddedBroker broker;

    @Inject
    StartupState startup;

    @PostConstruct
    // the enrollment commits in a transaction of its own before the broker opens: no login finds it uncommitted
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void enrollThenListen() {
        try {
            enrollOnFirstStart();
        } finally {
            broker.acceptClients();
        }
        startup.markRun(LocalHostEnrollment.class);
    }

    private void enrollOnFirstStart() {
        Optional<String> name = config.localAgentHost();
        Optional<String> secret = password.filter(p -> !p.isBlank());
        if (name.isEmpty() || secret.isEmpty()) {
            LOG.info("no local agent to enroll (BERTH_AGENT_HOST or BERTH_BROKER_AGENT_PASSWORD unset)");
            return;
        }
        if (hosts.enrollLocal(name.get(), secret.get())) {
            LOG.info(() -> "enrolled the manager's own host '" + name.get() + "' (its agent's broker password is"
                    + " BERTH_BROKER_AGENT_PASSWORD in secrets.env)");
        }
    }
}
