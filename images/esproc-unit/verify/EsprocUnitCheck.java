import com.scudata.parallel.UnitClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks an esProc unit from outside, at esProc's own protocol level, as Berth's readiness check will:
 * <ol>
 *   <li>{@code new UnitClient(host, port).isAlive()} until true (docker-proxy accepts TCP before the node
 *       listens, so a TCP connect proves nothing; isAlive opens esProc's object-stream handshake);</li>
 *   <li>{@code getUnitMaxNum()}: the node's maxTaskNum (optionally compared with an expected value);</li>
 *   <li>real SPL on the node through esProc's JDBC driver with {@code onlyServer=true} and a client
 *       raqsoftConfig.xml that lists the unit: {@code =to(1,1000000).sum()} must be 500000500000, and
 *       a file only the container has must exist (proof that the node ran it, not this JVM).</li>
 * </ol>
 * Run with the image's jars: {@code java -cp 'images/esproc-unit/target/jars/*' EsprocUnitCheck.java HOST PORT
 * [expectedMaxTaskNum] [timeoutSeconds]}. Exit 0 when every check passed, 1 otherwise.
 */
public class EsprocUnitCheck {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EsprocUnitCheck HOST PORT [expectedMaxTaskNum] [timeoutSeconds]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Integer expectedMaxTasks = args.length > 2 && !args[2].isEmpty() ? Integer.valueOf(args[2]) : null;
        long timeoutNanos = TimeUnit.SECONDS.toNanos(args.length > 3 ? Long.parseLong(args[3]) : 60);
        int failures = 0;

        // 1. isAlive, polled. Each call gets its own deadline: isAlive connects with a 5 s timeout but then
        // waits for the server's stream header without a read timeout.
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "isAlive");
            t.setDaemon(true);
            return t;
        });
        boolean alive = false;
        int attempts = 0;
        while (!alive && System.nanoTime() < deadline) {
            attempts++;
            try {
                alive = pool.submit(() -> new UnitClient(host, port).isAlive()).get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.out.println("isAlive did not answer within 5 s");
            }
            if (!alive) {
                Thread.sleep(100);
            }
        }
        System.out.printf("isAlive=%s after %d ms (%d attempts), aliveAtEpochMs=%d%n",
                alive, ms(start), attempts, System.currentTimeMillis());
        if (!alive) {
            System.out.println("FAIL: node not alive");
            System.exit(1);
        }

        // 2. The node's task count, read over the same protocol.
        int maxTasks = new UnitClient(host, port).getUnitMaxNum();
        System.out.println("getUnitMaxNum=" + maxTasks);
        if (expectedMaxTasks != null && maxTasks != expectedMaxTasks) {
            System.out.println("FAIL: expected maxTaskNum " + expectedMaxTasks);
            failures++;
        }

        // 3. SPL through the JDBC driver, on the node only.
        Path config = Files.createTempFile("esproc-client-", ".xml");
        try {
            Files.writeString(config, clientConfig(host, port), StandardCharsets.UTF_8);
            Class.forName("com.esproc.jdbc.InternalDriver");
            String url = "jdbc:esproc:local://?onlyServer=true&config=" + config;
            long t0 = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                Object sum = single(statement, "=to(1,1000000).sum()");
                System.out.printf("=to(1,1000000).sum() -> %s (%s) in %d ms%n", sum, type(sum), ms(t0));
                if (sum == null || !"500000500000".equals(sum.toString())) {
                    System.out.println("FAIL: expected 500000500000");
                    failures++;
                }
                Object inContainer = single(statement, "=file(\"/opt/esproc/config/raqsoftConfig.xml\").exists()");
                System.out.println("ran on the node (its config file exists there) -> " + inContainer);
                if (!Boolean.TRUE.equals(inContainer)) {
                    System.out.println("FAIL: the SPL did not run inside the unit");
                    failures++;
                }
            }
        } finally {
            Files.deleteIfExists(config);
        }
        System.out.println(failures == 0 ? "OK: all checks passed" : "FAILED: " + failures + " check(s)");
        System.exit(failures == 0 ? 0 : 1);
    }

    /** A client raqsoftConfig.xml whose JDBC section lists the one unit to run on. */
    static String clientConfig(String host, int port) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Config Version="3">
                <Runtime>
                    <Esproc>
                        <charSet>UTF-8</charSet>
                    </Esproc>
                    <Logger>
                        <Level>WARN</Level>
                    </Logger>
                </Runtime>
                <JDBC>
                    <load>Runtime,Server</load>
                    <gateway></gateway>
                    <Units>
                        <Unit>%s:%d</Unit>
                    </Units>
                </JDBC>
            </Config>
            """.formatted(host, port);
    }

    static Object single(Statement statement, String spl) throws Exception {
        try (ResultSet rs = statement.executeQuery(spl)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    static String type(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
