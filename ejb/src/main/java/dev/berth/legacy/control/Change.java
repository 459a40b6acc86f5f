package dev.berth.legacy.control;

/**
 * One line of an import's plan: what the import does (or would do) to one user, host or unit.
 *
 * @param line   the line of the file the change comes from (0: from no line, such as a unit the file does not list)
 * @param kind   {@code user}, {@code host} or {@code unit}
 * @param name   the user's or host's name, or the unit's {@code ip:port}
 * @param action {@code create}, {@code update}, {@code unchanged} or {@code kept} (in Berth, not in the file, left as is)
 * @param detail what is created or changed, for a person; never a password
 */
public record Change(int line, String kind, String name, String action, String detail) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String UNCHANGED = "unchanged";
    public static final String KEPT = "kept";
}
