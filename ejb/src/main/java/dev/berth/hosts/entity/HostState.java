package dev.berth.hosts.entity;

/** Whether a host's agent is heard from. */
public enum HostState {
    /** Defined by an admin; its agent has never reported. */
    DEFINED,
    ONLINE,
    OFFLINE
}
