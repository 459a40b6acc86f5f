package dev.berth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs SPL on one esProc unit from this JVM, as a user's program would: esProc's own JDBC driver, with a client
 * configuration that lists only that unit and {@code onlyServer=true}, so the SPL runs on the node and never here.
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

    /** The node's maximum task count, asked in esProc's own protocol. */
    int maxTasks() {
        try {
            return CALLS.submit(() -> new com.scudata.parallel.UnitClient(host, port).getUnitMaxNum())
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no task count from " + host + ":" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Object run(String spl) throws Exception {
        Path config = Files.createTempFile("esproc-client-", ".xml");
        try {
            Files.writeString(config, clientConfig(), StandardCharsets.UTF_8);
            Class.forName("com.esproc.jdbc.InternalDriver");
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:esproc:local://?onlyServer=true&config=" + config);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(spl)) {
                return result.next() ? result.getObject(1) : null;
            }
        } finally {
            deleteQuietly(config);
        }
    }

    private String clientConfig() {
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
