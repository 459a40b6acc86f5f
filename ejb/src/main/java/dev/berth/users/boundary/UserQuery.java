package dev.berth.users.boundary;

import dev.berth.users.entity.Role;
import java.util.Locale;
import java.util.Map;

/**
 * A page of the user list as an admin's screen asks for it: filtered, sorted, and cut to a page in the database, so
 * that ten thousand users cost what one page costs.
 *
 * @param text       part of the name or alias, any case; null or blank: every user
 * @param role       only users of this role; null: any
 * @param disabled   only disabled (true) or enabled (false) users; null: both
 * @param sortBy     one of {@link #SORTABLE}'s keys; null: by name
 * @param descending the sort's direction
 */
public record UserQuery(String text, Role role, Boolean disabled, String sortBy, boolean descending) {

    /** What a list may be sorted by, and the column each means. */
    public static final Map<String, String> SORTABLE = Map.of(
            "name", "u.name",
            "alias", "u.alias",
            "role", "u.role",
            "memory", "u.memoryBytes",
            "cpuShares", "u.cpuShares",
            "createdAt", "u.createdAt",
            "disabled", "u.disabled");

    public static final UserQuery ALL = new UserQuery(null, null, null, null, false);

    /** The JPQL after {@code from AppUser u}: the conditions (with parameters {@code text, role, disabled}). */
    String where() {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (hasText()) {
            where.append(" and (lower(u.name) like :text escape '\\' or lower(u.alias) like :text escape '\\')");
        }
        if (role != null) {
            where.append(" and u.role = :role");
        }
        if (disabled != null) {
            where.append(" and u.disabled = :disabled");
        }
        return where.toString();
    }

    /** The order, with the id last so that pages never overlap when the sorted values are equal. */
    String orderBy() {
        String column = SORTABLE.getOrDefault(sortBy == null ? "name" : sortBy, "u.name");
        String direction = descending ? " desc" : " asc";
        return " order by " + column + direction + ", u.id" + direction;
    }

    boolean hasText() {
        return text != null && !text.isBlank();
    }

    /** The {@code like} pattern of {@link #text}: its own '%', '_' and '\' match themselves. */
    String pattern() {
        String escaped = text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
