package dev.berth.platform.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A transaction participant that prepares like any other and halts the JVM when told to commit, as a power cut
 * would: no shutdown hook runs, no buffer is flushed. It disarms its failpoint first, so the next start runs normally.
 */
final class HaltInCommit implements XAResource {

    /** The exit status of the halted JVM, so that a test can tell the failpoint from any other death. */
    static final int STATUS = 86;

    private static final Logger LOG = Logger.getLogger(HaltInCommit.class.getName());

    private final Path armed;

    HaltInCommit(Path armed) {
        this.armed = armed;
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        try {
            Files.deleteIfExists(armed);
        } catch (IOException e) {
            LOG.severe(() -> "cannot disarm the failpoint " + armed + ": " + e);
        }
        LOG.severe(() -> "failpoint " + armed.getFileName() + ": halting the JVM inside the commit of " + xid);
        Runtime.getRuntime().halt(STATUS);
    }

    @Override
    public void rollback(Xid xid) {
        // nothing was done, nothing to undo; the failpoint stays armed for the next transaction
    }

    @Override
    public void start(Xid xid, int flags) {
        // no work of its own
    }

    @Override
    public void end(Xid xid, int flags) {
        // no work of its own
    }

    @Override
    public void forget(Xid xid) {
        // keeps nothing
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
