package dev.berth.agents.boundary;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.platform.control.ManagerConfig;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Every two seconds: marks silent hosts OFFLINE and expires unanswered commands.
 * The images component removes its spent tars on a timer of its own.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

    @Inject
    ManagerConfig config;

    @EJB
    Hosts hosts;

    @EJB
    Answers answers;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        hosts.markSilentOffline(config.hostOfflineAfter());
        answers.expireOverdue(config.commandTimeout());
    }
}
