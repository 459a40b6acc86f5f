package dev.berth.sessions.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/** Every two seconds: ends the sessions whose clients have not kept them alive within the expiry. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionExpiry {

    @EJB
    Sessions sessions;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        sessions.expireOverdue();
    }
}
