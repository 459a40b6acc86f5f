package dev.berth.hosts.boundary;

import dev.berth.hosts.entity.HostState;

/**
 * A host's state changed (its agent reported first or again, or fell silent), fired in the transaction that writes
 * it. Screens that show hosts observe it {@code during = AFTER_SUCCESS}, so they show only what was committed.
 *
 * @param before the state before; null for a host its agent announced just now
 */
public record HostStateChanged(String host, HostState before, HostState after) {
}
