package dev.berth.audit.boundary;

import dev.berth.audit.entity.AuditRecord;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BerthException.invalid("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        String user = userName;
        if (!actor.admin()) {
            if (user != null && !user.equals(actor.name())) {
                throw BerthException.forbidden(actor.name() + " may read only their own audit records");
            }
            user = actor.name();
        }
        return em.createNamedQuery(AuditRecord.NEWEST, AuditRecord.class)
                .setParameter("unit", unitId)
                .setParameter("user", user)
                .setMaxResults(limit)
                .getResultList();
    }
}
