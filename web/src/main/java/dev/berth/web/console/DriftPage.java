package dev.berth.web.console;

import dev.berth.drift.boundary.Drift;
import dev.berth.drift.boundary.Drift.RepairOutcome;
import dev.berth.drift.boundary.Drift.RepairRequest;
import dev.berth.drift.entity.Finding;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin's drift: the findings of every ONLINE host, surveyed host by host (a host whose agent does not answer is
 * named, the others still listed), a preview of every repair, and a repair per finding.
 */
@Named
@RequestScoped
public class DriftPage {

    @EJB
    Drift drift;

    @EJB
    Hosts hosts;

    @Inject
    ConsoleSession session;

    private List<Finding> findings;
    private final List<String> unsurveyed = new ArrayList<>();

    /** The findings of every ONLINE host, surveyed once per request. */
    public List<Finding> getFindings() {
        if (findings == null) {
            findings = new ArrayList<>();
            for (Host host : hosts.all()) {
                if (!host.isOnline()) {
                    continue;
                }
                try {
                    findings.addAll(drift.findings(host.getName(), session.actor()));
                } catch (BerthException e) {
                    unsurveyed.add(host.getName() + ": " + e.getMessage());
                }
            }
        }
        return findings;
    }

    /** The hosts that could not be surveyed, each with the reason. */
    public List<String> getUnsurveyed() {
        getFindings();
        return unsurveyed;
    }

    /** What the repair of every finding would do, as messages; nothing changes. */
    public void preview() {
        try {
            List<RepairOutcome> outcomes = drift.repair(new RepairRequest(null, null, true, true), session.actor());
            if (outcomes.isEmpty()) {
                FieldMessages.info(FacesContext.getCurrentInstance(), "No drift: nothing to repair.");
            }
            outcomes.forEach(o -> FieldMessages.info(FacesContext.getCurrentInstance(), o.kind() + " " + o.id()
                    + " (" + o.host() + "): " + ("PREVIEW".equals(o.status()) ? "would " : "no repair: ")
                    + o.detail()));
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    /** Repairs one finding of a host; the outcome is a message, and the list is surveyed anew. */
    public void repair(String host, String id) {
        try {
            for (RepairOutcome o : drift.repair(new RepairRequest(host, List.of(id), false, false),
                    session.actor())) {
                String text = o.status() + ": " + o.detail();
                if ("DONE".equals(o.status())) {
                    FieldMessages.info(FacesContext.getCurrentInstance(), text);
                } else {
                    FieldMessages.error(FacesContext.getCurrentInstance(), text);
                }
            }
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
        findings = null;
        unsurveyed.clear();
    }
}
