package dev.berth.drift.boundary;

import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.drift.control.AgentRequests;
import dev.berth.drift.control.DriftAudit;
import dev.berth.drift.control.Findings;
import dev.berth.drift.entity.DriftKind;
import dev.berth.drift.entity.Finding;
import dev.berth.drift.entity.Remedy;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.DriftRepairs;
import dev.berth.protocol.ExpectedUnit;
import dev.berth.protocol.RepairDrift;
import dev.berth.protocol.Survey;
import dev.berth.protocol.SurveyReport;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.Expectation;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drift of the ONLINE hosts, found live: each host's agent is surveyed with what Berth keeps of the host, and the
 * findings judged here. An admin lists them, previews their repairs and carries them out. Runs outside any
 * transaction (it waits for agents); a repair start is a transaction of {@link Units}, each audit record one of its
 * own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Drift {

    /** What an admin asks to repair; see {@link #repair}. */
    public record RepairRequest(String host, List<String> ids, Boolean all, Boolean dryRun) {
    }

    /** What became of one finding in a repair: PREVIEW (dry run), DONE, FAILED, or REFUSED (no repair). */
    public record RepairOutcome(String id, String host, DriftKind kind, Long unit, String status, String detail) {

        static RepairOutcome of(Finding f, String status, String detail) {
            return new RepairOutcome(f.id(), f.host(), f.kind(), f.unit(), status, detail);
        }
    }

    @EJB
    Hosts hosts;

    @EJB
    Units units;

    @EJB
    AgentRequests agents;

    @EJB
    DriftAudit audit;

    /** The findings of one host, or of every ONLINE host when {@code host} is null or blank. */
    public List<Finding> findings(String host, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not survey hosts for drift; an admin does");
        }
        List<Finding> findings = new ArrayList<>();
        for (Host target : targets(host)) {
            findings.addAll(survey(target.getName()));
        }
        return findings;
    }

    /**
     * Previews ({@code dryRun}) or carries out the repairs of the findings named (or all of them), surveyed anew
     * now: an id that names no finding now (repaired already, gone) fails. Each repair is audited, a refused one
     * (only an operator can fix it) and a failed one too; a preview changes nothing and writes nothing.
     */
    public List<RepairOutcome> repair(RepairRequest request, Actor actor) {
        if (request == null) {
            throw BerthException.invalid("the request body is missing: send {\"host\"?, \"ids\":[...] or"
                    + " \"all\":true, \"dryRun\":true|false}");
        }
        boolean all = Boolean.TRUE.equals(request.all());
        boolean someIds = request.ids() != null && !request.ids().isEmpty();
        if (all == someIds) {
            throw BerthException.invalid(all ? "give either ids or all:true, not both"
                    : "name the findings to repair: \"ids\":[...] (GET /api/drift lists them) or \"all\":true");
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        List<Finding> found = findings(request.host(), actor);
        List<RepairOutcome> outcomes = new ArrayList<>();
        List<Finding> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(found);
        } else {
            for (String id : request.ids().stream().distinct().toList()) {
                found.stream().filter(f -> f.id().equals(id)).findFirst().ifPresentOrElse(chosen::add, () -> {
                    String why = "no finding " + id + " now" + (request.host() == null || request.host().isBlank()
                            ? "" : " on host " + request.host()) + ": repaired already, gone, or never found"
                            + " (GET /api/drift lists them)";
                    outcomes.add(new RepairOutcome(id, request.host(), null, null, "FAILED", why));
                    if (!dryRun) {
                        audit.repair(actor, id, null, Outcome.FAILED, why);
                    }
                });
            }
        }
        if (dryRun) {
            chosen.forEach(f -> outcomes.add(f.remedy() == Remedy.NONE ? RepairOutcome.of(f, "REFUSED", f.noRepair())
                    : RepairOutcome.of(f, "PREVIEW", f.repair())));
            return outcomes;
        }
        Map<Long, RepairOutcome> starts = new LinkedHashMap<>();
        Map<String, List<Finding>> onHosts = new LinkedHashMap<>();
        for (Finding f : chosen) {
            switch (f.remedy()) {
                case NONE -> outcomes.add(record(actor, f, Outcome.FAILED, "REFUSED", "refused: " + f.noRepair()));
                case START_UNIT -> {
                    // one start per unit, however many of its findings it repairs
                    RepairOutcome started = starts.computeIfAbsent(f.unit(), unit -> startUnit(f, actor));
                    outcomes.add(record(actor, f, "DONE".equals(started.status()) ? Outcome.ACCEPTED : Outcome.FAILED,
                            started.status(), started.detail()));
                }
                case REMOVE_CONTAINER, DELETE_NAT_RULE -> onHosts.computeIfAbsent(f.host(), h -> new ArrayList<>())
                        .add(f);
            }
        }
        onHosts.forEach((host, findings) -> outcomes.addAll(repairOn(host, findings, actor)));
        return outcomes;
    }

    private RepairOutcome startUnit(Finding f, Actor actor) {
        try {
            String command = units.startToRepair(f.unit(), actor).getId();
            return RepairOutcome.of(f, "DONE", "start of unit " + f.unit() + " sent (command " + command + ")");
        } catch (BerthException e) {
            return RepairOutcome.of(f, "FAILED", "unit " + f.unit() + " could not be started: " + e.getMessage());
        }
    }

    private List<RepairOutcome> repairOn(String host, List<Finding> findings, Actor actor) {
        List<RepairDrift.Action> actions = findings.stream().map(f -> new RepairDrift.Action(f.id(),
                f.remedy() == Remedy.REMOVE_CONTAINER ? RepairDrift.ActionKind.REMOVE_CONTAINER
                        : RepairDrift.ActionKind.DELETE_NAT_RULE, f.container(), f.closePort(), f.natRule())).toList();
        Map<String, DriftRepairs.Outcome> done = new LinkedHashMap<>();
        String failure = null;
        try {
            DriftRepairs answer = agents.ask(host, new RepairDrift(UUID.randomUUID().toString(), actions),
                    DriftRepairs.class);
            answer.outcomes().forEach(o -> done.put(o.findingId(), o));
        } catch (BerthException e) {
            failure = e.getMessage();
        }
        List<RepairOutcome> outcomes = new ArrayList<>();
        for (Finding f : findings) {
            DriftRepairs.Outcome o = done.get(f.id());
            if (o != null && o.done()) {
                outcomes.add(record(actor, f, Outcome.SUCCEEDED, "DONE", o.detail()));
            } else {
                String why = o != null ? o.detail() : failure != null ? failure
                        : "the agent of host " + host + " did not say what became of it";
                outcomes.add(record(actor, f, Outcome.FAILED, "FAILED", why));
            }
        }
        return outcomes;
    }

    private RepairOutcome record(Actor actor, Finding f, Outcome outcome, String status, String detail) {
        audit.repair(actor, f.id(), f, outcome, detail);
        return RepairOutcome.of(f, status, detail);
    }

    private List<Host> targets(String host) {
        if (host != null && !host.isBlank()) {
            Host one = hosts.get(host.trim());
            if (!one.isOnline()) {
                throw BerthException.unavailable("host " + one.getName() + " is " + one.getState() + "; its drift can"
                        + " be surveyed once its agent answers again");
            }
            return List.of(one);
        }
        return hosts.all().stream().filter(Host::isOnline).toList();
    }

    private List<Finding> survey(String host) {
        List<Expectation> expected = units.expectationsOn(host);
        Survey survey = new Survey(UUID.randomUUID().toString(), expected.stream()
                .map(u -> new ExpectedUnit(u.unitId(), u.owner(), u.port(), u.start())).toList());
        SurveyReport report = agents.ask(host, survey, SurveyReport.class);
        if (report.error() != null) {
            throw BerthException.unavailable(report.error());
        }
        return Findings.judge(host, expected, report);
    }
}
