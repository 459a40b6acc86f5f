package dev.berth.protocol;

import java.util.List;

/**
 * An agent's answer to a {@link CleanHost}, on the command's reply-to queue.
 *
 * @param host   the agent's host
 * @param dryRun whether nothing was removed (a preview)
 * @param items  what was removed or would be, and what could not be
 * @param error  why the engine could not be cleaned at all; null when it could
 */
public record HostCleanup(String host, boolean dryRun, List<Item> items, String error) {

    /** What an item is. */
    public enum Kind {
        /** A unit's previous container, kept by a recreation and left behind. */
        CONTAINER,
        /** An image made for Berth that no container and no unit uses. */
        IMAGE
    }

    /** What happened to an item. */
    public enum Fate {
        /** A preview: it would be removed. */
        WOULD_REMOVE,
        REMOVED,
        /** The engine refused (e.g. a container came to use the image meanwhile); see the note. */
        KEPT
    }

    /**
     * One container or image.
     *
     * @param kind  container or image
     * @param id    the engine's id, short form
     * @param name  the container's name, or the image's tags ({@code <none>} when it has none)
     * @param bytes its size: the container's writable layer, the image's whole size
     * @param fate  removed, would be removed, or kept
     * @param note  why (for a kept item: the engine's refusal); may be null
     */
    public record Item(Kind kind, String id, String name, long bytes, Fate fate, String note) {
    }

    public static HostCleanup failed(String host, boolean dryRun, String error) {
        return new HostCleanup(host, dryRun, List.of(), error);
    }
}
