package dev.berth.platform.control;

import dev.berth.platform.entity.AgentAccountIssued;
import dev.berth.platform.entity.AgentAccountRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.core.security.SecurityStore;
import org.apache.activemq.artemis.core.security.impl.SecurityStoreImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;

/**
 * Makes a revoked broker account (its host re-keyed or removed) stop working at once in the embedded broker: the
 * broker forgets the logins it had cached (else the old password would still pass for up to 10 s) and ends every
 * session logged in with the account. Runs once the revoking transaction committed. A new account (a host enrolled)
 * makes the broker forget the logins it refused, so that an agent started before its enrollment gets in at once.
 */
@ApplicationScoped
public class BrokerSessions {

    private static final Logger LOG = Logger.getLogger(BrokerSessions.class.getName());

    private volatile ActiveMQServer server;

    /** The embedded broker, once started; null when the broker is standalone or stopped. */
    public void attach(ActiveMQServer broker) {
        this.server = broker;
    }

    /** A new account: a login refused a moment ago (the agent came first) would else be refused again for 10 s. */
    public void issue(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentAccountIssued issued) {
        ActiveMQServer broker = server;
        if (broker != null) {
            forgetLogins(broker);
        }
    }

    public void revoke(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentAccountRevoked revoked) {
        ActiveMQServer broker = server;
        if (broker == null) {
            return;
        }
        forgetLogins(broker);
        int ended = 0;
        for (ServerSession session : broker.getSessions()) {
            if (revoked.user().equals(session.getValidatedUser())) {
                session.getRemotingConnection().fail(new ActiveMQSecurityException("the broker account "
                        + revoked.user() + " was revoked"));
                ended++;
            }
        }
        int count = ended;
        LOG.info(() -> "broker account " + revoked.user() + " revoked; " + count + " session(s) ended");
    }

    /** The broker's cached logins, accepted and refused, and what they were allowed. */
    private static void forgetLogins(ActiveMQServer broker) {
        SecurityStore security = broker.getSecurityStore();
        if (security instanceof SecurityStoreImpl store) {
            store.invalidateAuthenticationCache();
            store.invalidateAuthorizationCache();
        }
    }
}
