package dev.berth.audit.boundary;

import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.BerthException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;

/**
 * Which audit records to read: every part is optional, the parts given must all hold.
 *
 * @param user    the user the record is about (exact name)
 * @param unit    the unit the record is about
 * @param action  the action, or its beginning ({@code unit.} matches {@code unit.start}, {@code unit.stop}, ...)
 * @param outcome how the action ended
 * @param from    records at or after this instant
 * @param to      records before this instant
 */
public record AuditQuery(String user, Long unit, String action, Outcome outcome, Instant from, Instant to) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    /** @throws BerthException (invalid) when the time range ends before it starts */
    public AuditQuery {
        user = user == null || user.isBlank() ? null : user.trim();
        action = action == null || action.isBlank() ? null : action.trim();
        if (from != null && to != null && to.isBefore(from)) {
            throw BerthException.invalid("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The same query about {@code name} only. */
    AuditQuery about(String name) {
        return new AuditQuery(name, unit, action, outcome, from, to);
    }

    /** The JPQL conditions after {@code from AuditRecord a}, with the parameters {@link #bind} sets. */
    String where() {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (user != null) {
            where.append(" and a.userName = :user");
        }
        if (unit != null) {
            where.append(" and a.unitId = :unit");
        }
        if (action != null) {
            where.append(" and a.action like :action escape '\\'");
        }
        if (outcome != null) {
            where.append(" and a.outcome = :outcome");
        }
        if (from != null) {
            where.append(" and a.at >= :from");
        }
        if (to != null) {
            where.append(" and a.at < :to");
        }
        return where.toString();
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
        if (user != null) {
            query.setParameter("user", user);
        }
        if (unit != null) {
            query.setParameter("unit", unit);
        }
        if (action != null) {
            query.setParameter("action", action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (outcome != null) {
            query.setParameter("outcome", outcome.name());
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return query;
    }
}
