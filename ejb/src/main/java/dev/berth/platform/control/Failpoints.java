package dev.berth.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Faults that tests inject into a running Berth, to prove what survives a crash. Each is off unless its file exists
 * in {@code <data dir>/faults/}; each fires once and removes its file. Nothing in normal operation creates them.
 */
@ApplicationScoped
public class Failpoints {

    /** The file that arms {@link #haltInCommit()}. */
    public static final String HALT_IN_COMMIT = "halt-in-commit";

    private static final Logger LOG = Logger.getLogger(Failpoints.class.getName());

    @Inject
    DataDirectory dataDirectory;

    @Resource(lookup = "java:appserver/TransactionManager")
    TransactionManager transactions;

    /**
     * When armed, the current transaction gets one more participant whose commit halts the JVM: every participant
     * has prepared and the transaction manager has logged its decision, but the database and the broker may not
     * have committed yet. What recovery at the next start makes of that is the test.
     */
    public void haltInCommit() {
        Path armed = dataDirectory.resolve("faults", HALT_IN_COMMIT);
        if (!Files.exists(armed)) {
            return;
        }
        try {
            transactions.getTransaction().enlistResource(new HaltInCommit(armed));
            LOG.warning(() -> "failpoint " + HALT_IN_COMMIT + " armed: this transaction's commit halts the JVM");
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException("cannot enlist the failpoint " + HALT_IN_COMMIT, e);
        }
    }
}
