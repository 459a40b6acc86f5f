package dev.berth.audit.boundary;

import dev.berth.audit.entity.AuditRecord;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/** Reading the audit trail: admins read all of it, users what concerns them. */
@Stateless
public class AuditRecords {

    static final int MAX_LIMIT = 1000;

    @PersistenceContext
    EntityManager em;

    /** Newest first, filtered by unit and/or user when given. */
    public List<AuditRecord> newest(Long unitId, String userName, int limit, Actor actor) {
        // checked here, not by @Min/@Max on the query parameter: Payara's OpenAPI scanner fails on a constraint of a
        // parameter that is not a @PathParam (NullPointerException in ApplicationProcessor.addSchemaParameter)
        checkLimit(limit);
        String user = visibleUser(userName, actor);
        return em.createNamedQuery(AuditRecord.NEWEST, AuditRecord.class)
                .setParameter("unit", unitId)
                .setParameter("user", user)
                .setMaxResults(limit)
                .getResultList();
    }

    /** One page of what {@code query} finds, newest first, starting at row {@code first}. */
    public List<AuditRecord> search(AuditQuery query, int first, int limit, Actor actor) {
        checkLimit(limit);
        if (first < 0) {
            throw BerthException.invalid("a page starts at row 0 or later, not " + first);
        }
        AuditQuery visible = visible(query, actor);
        return visible.bind(em.createQuery("select a from AuditRecord a" + visible.where()
                        + " order by a.id desc", AuditRecord.class))
                .setFirstResult(first).setMaxResults(limit).getResultList();
    }

    /**
     * Up to {@code limit} records of {@code query} older than the record {@code before} (null: from the newest),
     * newest first: a reader that goes on from the last id it got sees every record once, even while new ones are
     * written.
     */
    public List<AuditRecord> olderThan(AuditQuery query, Long before, int limit, Actor actor) {
        checkLimit(limit);
        AuditQuery visible = visible(query, actor);
        TypedQuery<AuditRecord> older = visible.bind(em.createQuery("select a from AuditRecord a" + visible.where()
                + (before == null ? "" : " and a.id < :before") + " order by a.id desc", AuditRecord.class));
        if (before != null) {
            older.setParameter("before", before);
        }
        return older.setMaxResults(limit).getResultList();
    }

    public long count(AuditQuery query, Actor actor) {
        AuditQuery visible = visible(query, actor);
        return visible.bind(em.createQuery("select count(a) from AuditRecord a" + visible.where(), Long.class))
                .getSingleResult();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BerthException.invalid("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    private static AuditQuery visible(AuditQuery query, Actor actor) {
        AuditQuery given = query == null ? AuditQuery.ALL : query;
        return given.about(visibleUser(given.user(), actor));
    }

    /** The user whose records the actor may read: any (as asked) for an admin, only themselves for a user. */
    private static String visibleUser(String userName, Actor actor) {
        if (actor.admin()) {
            return userName;
        }
        if (userName != null && !userName.equals(actor.name())) {
            throw BerthException.forbidden(actor.name() + " may read only their own audit records");
        }
        return actor.name();
    }
}
