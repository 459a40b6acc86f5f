package dev.berth.audit.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One line of the audit trail; written once, never changed. */
@Entity
@Table(name = "audit_record")
@NamedQuery(name = AuditRecord.NEWEST, query = """
        select a from AuditRecord a
        where (:unit is null or a.unitId = :unit) and (:user is null or a.userName = :user)
        order by a.at desc, a.id desc""")
public class AuditRecord {

    public static final String NEWEST = "AuditRecord.newest";

    /** How an audited action ended. */
    public enum Outcome {
        /** The action was accepted and is under way (e.g. a command sent). */
        ACCEPTED,
        SUCCEEDED,
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String actor;
    private String action;
    private String target;
    private Long unitId;
    private String userName;
    private String outcome;
    private String detail;

    protected AuditRecord() {
    }

    public AuditRecord(String actor, String action, String target, Long unitId, String userName, Outcome outcome,
                       String detail) {
        this.at = Instant.now();
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.target = Objects.requireNonNull(target);
        this.unitId = unitId;
        this.userName = userName;
        this.outcome = outcome.name();
        this.detail = detail == null || detail.length() <= 8000 ? detail : detail.substring(0, 7997) + "...";
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public Long getUnitId() {
        return unitId;
    }

    public String getUserName() {
        return userName;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}
