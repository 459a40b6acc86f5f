package dev.berth.hosts.entity;

/** Whether a host's agent is heard from. */
public enum HostState {
    ONLINE, OFFLINE
}
