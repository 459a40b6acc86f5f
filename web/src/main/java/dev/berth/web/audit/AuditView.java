package dev.berth.web.audit;

import dev.berth.audit.entity.AuditRecord;
import java.time.Instant;

/** One audit record as the API shows it. */
public record AuditView(Instant time, String actor, String action, String target, String outcome, String detail) {

    public static AuditView of(AuditRecord a) {
        return new AuditView(a.getAt(), a.getActor(), a.getAction(), a.getTarget(), a.getOutcome(), a.getDetail());
    }
}
