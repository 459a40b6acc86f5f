package dev.berth.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Completes, at start, the transactions a crash left in doubt: a request's state change, command and audit record in
 * the database and its command in the broker, or a result's consumption and its effects, prepared on both sides
 * when the process died. The transaction manager's log (in the data directory) says which of them it had decided to
 * commit; those are committed in the database and the broker, the rest rolled back, so both sides agree again.
 * <p>
 * Payara's own recovery pass only knows the resources of its domain configuration, not the application's data
 * source and connection factory: so Berth hands both resources to the transaction manager itself, once the broker is
 * up and before the first command is sent. The launcher delays Payara's pass ({@code recover-txn-delay}) so that it
 * does not come first and close the log's transactions with nothing to ask; until one of the two passes ran, the
 * transaction manager holds back every transaction that enlists a resource. So nothing that starts with the
 * application may use the database in a transaction before this bean ran: the broker needs none to start, and the
 * start-up beans that do ({@code LocalHostEnrollment}, {@code AdminBootstrap}, {@code DirectoryCheck}) depend on this
 * one (one of them ahead of the broker held a restart after a crash with 20 starts in flight for 30 s, and
 * transactions that waited behind it then timed out).
 */
@Singleton
@Startup
@DependsOn("EmbeddedBroker")
@TransactionManagement(TransactionManagementType.BEAN)
public class TransactionRecovery {

    private static final Logger LOG = Logger.getLogger(TransactionRecovery.class.getName());
    /** Payara's transaction manager (JTS): recovery given the resources to ask, as Payara's own recovery calls it. */
    private static final String JTS_TRANSACTION_MANAGER = "com.sun.jts.jta.TransactionManagerImpl";

    @EJB
    EmbeddedBroker embeddedBroker;

    @Inject
    StartupState startup;

    @Inject
    @ConfigProperty(name = "berth.db.xa-class")
    String xaClass;

    @Inject
    @ConfigProperty(name = "berth.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "berth.db.user")
    String user;

    @Inject
    @ConfigProperty(name = "berth.db.password")
    String password;

    @Inject
    @ConfigProperty(name = "berth.broker.connection")
    String brokerConnection;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-user")
    String brokerUser;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-password")
    String brokerPassword;

    @PostConstruct
    void recover() {
        try (Database database = new Database(dataSource().getXAConnection(user, password));
                ServerLocator locator = ActiveMQClient.createServerLocatorWithoutHA(broker())) {
            XAResource db = database.connection().getXAResource();
            ClientSession broker = brokerSession(locator);
            try {
                List<XAResource> resources = broker == null ? List.of(db) : List.of(db, broker);
                String before = inDoubt(resources);
                if (!before.isEmpty()) {
                    LOG.warning(() -> "transactions in doubt after a crash: " + before
                            + "; completing them as the transaction log says");
                }
                // always, even with nothing in doubt: the transaction manager finishes reading its log only once
                // it has been given the resources to ask, and holds back transactions of two resources until then
                handOver(resources);
                if (!before.isEmpty()) {
                    String after = inDoubt(resources);
                    LOG.warning(() -> "transactions in doubt after recovery: " + (after.isEmpty() ? "none" : after));
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
            startup.markRun(TransactionRecovery.class);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("recovery of transactions in doubt failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("recovery of transactions in doubt failed: " + e, e);
        }
    }

    /** Gives the transaction manager the resources to ask; on a server without Payara's JTS, says so and goes on. */
    private static void handOver(List<XAResource> resources) throws InvocationTargetException {
        Method recover;
        try {
            recover = Class.forName(JTS_TRANSACTION_MANAGER).getMethod("recover", Enumeration.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning(() -> "this server's transaction manager takes no resources for recovery (" + e
                    + "): transactions a crash left in doubt are not completed");
            return;
        }
        try {
            recover.invoke(null, Collections.enumeration(resources));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An XA session on the broker as the manager; null when the broker cannot be reached (a standalone one that is
     * down): the database is recovered alone then, and the broker's branches stay prepared.
     */
    private ClientSession brokerSession(ServerLocator locator) {
        try {
            ClientSessionFactory factory = locator.createSessionFactory();
            return factory.createSession(brokerUser, brokerPassword, true, false, false, false, 1);
        } catch (Exception e) {
            LOG.warning(() -> "the broker cannot be reached to complete its transactions in doubt: " + e);
            return null;
        }
    }

    /** The database's own XA data source, as the application's data source is configured. */
    private XADataSource dataSource() throws ReflectiveOperationException, IntrospectionException {
        Object source = Class.forName(xaClass).getConstructor().newInstance();
        for (PropertyDescriptor property : Introspector.getBeanInfo(source.getClass()).getPropertyDescriptors()) {
            if (property.getWriteMethod() != null && property.getName().equalsIgnoreCase("url")) {
                property.getWriteMethod().invoke(source, url);
            }
        }
        return (XADataSource) source;
    }

    /**
     * The broker: the embedded one in-VM (it does not listen yet, see {@link EmbeddedBroker#acceptClients()}), a
     * standalone one as the manager's connection factory reaches it ({@code host=..;port=..;...}).
     */
    private TransportConfiguration broker() {
        if (embeddedBroker.embedded()) {
            return new TransportConfiguration(InVMConnectorFactory.class.getName(),
                    Map.of(org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME,
                            EmbeddedBroker.IN_VM_SERVER_ID));
        }
        Map<String, Object> parameters = new HashMap<>();
        for (String pair : brokerConnection.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return new TransportConfiguration(NettyConnectorFactory.class.getName(), parameters);
    }

    /** How many transactions each resource holds in doubt, e.g. "1 in the database, 1 in the broker"; empty: none. */
    private static String inDoubt(List<XAResource> resources) {
        StringBuilder text = new StringBuilder();
        int total = 0;
        for (int i = 0; i < resources.size(); i++) {
            int count = inDoubt(resources.get(i));
            total += count;
            text.append(i == 0 ? "" : ", ").append(count).append(i == 0 ? " in the database" : " in the broker");
        }
        return total == 0 ? "" : text.toString();
    }

    private static int inDoubt(XAResource resource) {
        try {
            return resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
        } catch (XAException e) {
            throw new IllegalStateException("cannot list the transactions in doubt of " + resource + ": " + e, e);
        }
    }

    /** An XA connection closed with its resource. */
    private record Database(XAConnection connection) implements AutoCloseable {
        @Override
        public void close() throws java.sql.SQLException {
            connection.close();
        }
    }
}
