package dev.berth.agents.boundary;

import dev.berth.hosts.boundary.Hosts;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every two seconds: marks silent hosts OFFLINE and expires unanswered commands.
 * The images component removes its spent tars on a timer of its own.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

    @EJB
    Hosts hosts;

    @EJB
    Answers answers;

    @Inject
    @ConfigProperty(name = "berth.host.offline-after-seconds", defaultValue = "30")
    int offlineAfterSeconds;

    @Inject
    @ConfigProperty(name = "berth.command.timeout-seconds", defaultValue = "120")
    int commandTimeoutSeconds;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        hosts.markSilentOffline(Duration.ofSeconds(offlineAfterSeconds));
        answers.expireOverdue(Duration.ofSeconds(commandTimeoutSeconds));
    }
}
