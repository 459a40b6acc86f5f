package dev.berth.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema (the SQL under
 * {@code db/migration/}); it runs outside a container transaction because it manages its own.
 * <p>
 * The data source is XA so that a state change and its JMS send commit together. Its URL, user and password come
 * from configuration; the launcher points them at an H2 file in the data directory. Pooled connections are validated
 * before use, so that the manager recovers by itself from a database that was away for a while.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/berth",
        className = "${MPCONFIG=berth.db.xa-class}",
        url = "${MPCONFIG=berth.db.url}",
        user = "${MPCONFIG=berth.db.user}",
        password = "${MPCONFIG=berth.db.password}",
        minPoolSize = 1,
        maxPoolSize = 32,
        // a database that went away (a server restarted, a network cut) leaves dead connections in the pool: each
        // is checked before use, and one found dead drops them all, so that the pool recovers when it returns
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data",
                "fish.payara.fail-all-connections=true"})
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/berth")
    DataSource dataSource;

    /**
     * Migrates, or says in the server log why it could not: the container reports the failure of a start-up bean
     * only to the one who caused its start, which may be a caller that has nothing to say about it.
     */
    @PostConstruct
    void migrate() {
        try {
            MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                    + " migrations applied now)");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "the schema migration failed (on thread "
                    + Thread.currentThread().getName() + "): " + e);
            throw e;
        }
    }
}
