package dev.berth.system;

import com.scudata.dm.Sequence;
import com.scudata.parallel.UnitClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs SPL on one esProc unit from this JVM, as a user's program would, with esProc's own client: the JDBC protocol
 * of {@code UnitClient} (connect, prepare, execute), which is what esProc's JDBC driver speaks once it has picked a
 * unit. The driver itself cannot be aimed at one unit after another in one JVM: it loads its client configuration, and
 * with it the unit list, once per JVM ("configloadonce"), so a second unit's SPL would silently run on the first.
 * Every call has a deadline: esProc's client has no read timeouts of its own.
 */
final class EsprocClient {

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "esproc-client");
        thread.setDaemon(true);
        return thread;
    });

    private final String host;
    private final int port;

    EsprocClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The single value an SPL expression such as {@code =to(1,10).sum()} gives, computed on the unit. */
    Object value(String spl) {
        try {
            return CALLS.submit(() -> run(spl)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SPL '" + spl + "' failed on " + host + ":" + port + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SPL '" + spl + "' got no answer from " + host + ":" + port + " in 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The memory limit the node's container has, as the node itself reads it from its cgroup: {@code memory.max} on
     * a cgroup v2 host, {@code memory/memory.limit_in_bytes} on a v1 host.
     */
    long memoryLimitBytes() {
        String v2 = "/sys/fs/cgroup/memory.max";
        String file = Boolean.TRUE.equals(value("=file(\"" + v2 + "\").exists()")) ? v2
                : "/sys/fs/cgroup/memory/memory.limit_in_bytes";
        return Long.parseLong(((String) value("=file(\"" + file + "\").read()")).trim());
    }

    /** The node's maximum task count, asked in esProc's own protocol. */
    int maxTasks() {
        try {
            return CALLS.submit(() -> new UnitClient(host, port).getUnitMaxNum()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no task count from " + host + ":" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Object run(String spl) throws Exception {
        UnitClient unit = new UnitClient(host, port);
        int connection = unit.JDBCConnect(UUID.randomUUID().toString());
        try {
            int statement = unit.JDBCPrepare(connection, spl, new Object[0], new HashMap<>(Map.of("sqlfirst", false)));
            try {
                Sequence result = unit.JDBCExecute(connection, statement);
                return result == null || result.length() == 0 ? null : result.get(1);
            } finally {
                unit.JDBCCloseStatement(connection, statement);
            }
        } finally {
            unit.JDBCCloseConnection(connection);
            unit.close();
        }
    }
}
