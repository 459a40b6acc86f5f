package dev.berth.commands.boundary;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.images.boundary.Images;
import dev.berth.platform.control.ManagerConfig;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Every two seconds: marks silent hosts OFFLINE, expires unanswered commands, and removes uploaded image tars no
 * host needs any more.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

    @Inject
    ManagerConfig config;

    @EJB
    Hosts hosts;

    @EJB
    Commands commands;

    @EJB
    Images images;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        hosts.markSilentOffline(config.hostOfflineAfter());
        commands.expireOverdue(config.commandTimeout());
        images.removeSpentFiles();
    }
}
