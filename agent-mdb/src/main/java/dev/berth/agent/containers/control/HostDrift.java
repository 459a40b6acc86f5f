package dev.berth.agent.containers.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.agent.isolation.control.HostFirewall;
import dev.berth.agent.isolation.control.UnitFiles;
import dev.berth.agent.isolation.control.UnitNetworks;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.DriftRepairs;
import dev.berth.protocol.ExpectedUnit;
import dev.berth.protocol.RepairDrift;
import dev.berth.protocol.Survey;
import dev.berth.protocol.SurveyReport;
import dev.berth.protocol.SurveyReport.NatRule;
import dev.berth.protocol.SurveyReport.SeenContainer;
import dev.berth.protocol.SurveyReport.UnitCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drift on this host: what is here against what the manager expects ({@link Survey}), and the host-side repairs an
 * admin chose ({@link RepairDrift}). A survey reports facts and changes nothing; the manager judges them. The config
 * hash a start would give is computed by the code a start runs ({@link ContainerSettings}, {@link ContainerLabels}),
 * from the same paths, without preparing anything.
 */
@ApplicationScoped
public class HostDrift {

    private static final Logger LOG = Logger.getLogger(HostDrift.class.getName());
    private static final Pattern DPORT = Pattern.compile("--dport (\\d{1,5})\\b");
    private static final Pattern TO = Pattern.compile("--to-destination (\\S+)");
    private static final Pattern DEST = Pattern.compile("(?:^| )-d (\\S+?)(?:/32)?(?: |$)");

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    @Inject
    UnitFiles files;

    @Inject
    UnitNetworks networks;

    @Inject
    HostFirewall firewall;

    /** What this host holds, against what the manager expects of it. */
    public SurveyReport survey(Survey survey) {
        try {
            List<Container> all = docker.listContainersCmd().withShowAll(true).exec();
            List<SeenContainer> managed = all.stream()
                    .filter(c -> c.getLabels() != null && "true".equals(c.getLabels().get(ContainerLabels.MANAGED)))
                    // another host's containers on a shared engine are that host's agent's to judge
                    .filter(c -> config.host().equals(c.getLabels().getOrDefault(ContainerLabels.HOST, config.host())))
                    // a previous container, kept during a recreate, is the clean-up's (berth hosts cleanup)
                    .filter(c -> c.getNames() == null || Arrays.stream(c.getNames()).noneMatch(Containers::isPreviousName))
                    .map(HostDrift::seen).toList();
            List<Container> running = all.stream().filter(c -> "running".equals(c.getState())).toList();
            Map<String, Map<String, String>> imageLabels = new HashMap<>();
            List<UnitCheck> units = survey.units().stream()
                    .map(unit -> check(unit, running, imageLabels)).toList();
            Set<Integer> ports = survey.units().stream().map(ExpectedUnit::port).collect(Collectors.toSet());
            return new SurveyReport(config.host(), managed, units, natRules(ports, running), null);
        } catch (RuntimeException e) {
            return SurveyReport.failed(config.host(), "the Docker engine on host " + config.host()
                    + " could not be surveyed: " + e.getMessage());
        }
    }

    /** Carries out each action, checked against the host as it is now; one outcome per action. */
    public DriftRepairs repair(RepairDrift repair) {
        List<DriftRepairs.Outcome> outcomes = new ArrayList<>();
        for (RepairDrift.Action action : repair.actions()) {
            try {
                outcomes.add(switch (action.kind()) {
                    case REMOVE_CONTAINER -> removeContainer(action);
                    case DELETE_NAT_RULE -> deleteNatRule(action);
                });
            } catch (RuntimeException e) {
                outcomes.add(new DriftRepairs.Outcome(action.findingId(), false, "host " + config.host()
                        + " could not carry it out: " + e.getMessage()));
            }
        }
        return new DriftRepairs(config.host(), outcomes);
    }

    private DriftRepairs.Outcome removeContainer(RepairDrift.Action action) {
        Map<String, String> labels;
        try {
            labels = docker.inspectContainerCmd(action.containerId()).exec().getConfig().getLabels();
        } catch (NotFoundException gone) {
            return new DriftRepairs.Outcome(action.findingId(), true, "container " + action.containerId()
                    + " is gone already");
        }
        if (labels == null || !"true".equals(labels.get(ContainerLabels.MANAGED))) {
            return new DriftRepairs.Outcome(action.findingId(), false, "container " + action.containerId()
                    + " is not labelled " + ContainerLabels.MANAGED + "=true; Berth removes only its own");
        }
        try {
            docker.removeContainerCmd(action.containerId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // removed a moment ago: the goal is reached
        }
        String detail = "container " + action.containerId() + " removed";
        if (action.closePort() != null) {
            firewall.remove(action.closePort());
            detail += ", firewall rules of port " + action.closePort() + " removed";
        }
        LOG.info(detail + " (drift repair " + action.findingId() + ")");
        return new DriftRepairs.Outcome(action.findingId(), true, detail);
    }

    private DriftRepairs.Outcome deleteNatRule(RepairDrift.Action action) {
        boolean deleted = firewall.deleteNatRule(action.natRule());
        LOG.info(() -> "nat rule " + (deleted ? "deleted" : "not found") + ": " + action.natRule());
        return new DriftRepairs.Outcome(action.findingId(), true, deleted ? "nat rule deleted: " + action.natRule()
                : "nat rule is gone already: " + action.natRule());
    }

    private static SeenContainer seen(Container c) {
        Map<String, String> labels = c.getLabels();
        return new SeenContainer(c.getId(), nameOf(c), number(labels.get(ContainerLabels.UNIT)),
                labels.get(ContainerLabels.USER), "running".equals(c.getState()),
                c.getState() + (c.getStatus() == null ? "" : " (" + c.getStatus() + ")"),
                labels.get(ContainerLabels.CONFIG_HASH), Optional.ofNullable(number(labels.get(ContainerLabels.PORT)))
                        .map(Long::intValue).orElse(null));
    }

    private static String nameOf(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
    }

    private static Long number(String label) {
        try {
            return label == null ? null : Long.valueOf(label.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private UnitCheck check(ExpectedUnit unit, List<Container> running, Map<String, Map<String, String>> images) {
        String hash = null;
        String problem = null;
        if (unit.start() == null) {
            problem = "the manager could not say how it would start unit " + unit.unitId();
        } else {
            try {
                hash = expectedHash(unit, images);
            } catch (NotFoundException e) {
                problem = "image " + unit.start().container().image() + " is not loaded on host " + config.host();
            } catch (RuntimeException e) {
                problem = "the config hash of unit " + unit.unitId() + " could not be computed: " + e.getMessage();
            }
        }
        String holder = null;
        String holderId = null;
        boolean own = false;
        for (Container c : running) {
            boolean publishes = c.getPorts() != null && Arrays.stream(c.getPorts())
                    .map(ContainerPort::getPublicPort).anyMatch(p -> p != null && p == unit.port());
            if (!publishes) {
                continue;
            }
            String ofUnit = c.getLabels() == null ? null : c.getLabels().get(ContainerLabels.UNIT);
            if (String.valueOf(unit.unitId()).equals(ofUnit)) {
                own = true;
            } else if (holder == null) {
                holderId = c.getId();
                holder = "container " + nameOf(c) + " (" + c.getId().substring(0, 12) + ")"
                        + (ofUnit == null ? ", not Berth's" : " of unit " + ofUnit);
            }
        }
        if (holder == null && !own && !PortCheck.isFree(config.bindAddress(), unit.port())) {
            holder = "a process on host " + config.host() + " outside its containers";
        }
        return new UnitCheck(unit.unitId(), hash, problem, holder, holderId);
    }

    /** The hash a start of the unit would give now: {@link Containers#start}'s settings, from the same paths. */
    private String expectedHash(ExpectedUnit unit, Map<String, Map<String, String>> images) {
        ContainerSpec spec = unit.start().container();
        Map<String, String> image = images.computeIfAbsent(spec.image(), name -> Objects.requireNonNullElse(
                docker.inspectImageCmd(name).exec().getConfig().getLabels(), Map.of()));
        HostConfig settings = ContainerSettings.hostConfig(spec, config.bindAddress(), files.homeAsMounted(spec),
                files.configDir(unit.unitId()), config.shareDir(spec.shareDir()), networks.name(spec.uid()),
                image.get(ContainerSettings.WRITABLE_LABEL));
        return ContainerLabels.configHash(spec, settings);
    }

    /**
     * The DNAT rules for the given ports that apply where this agent publishes (an agent bound to one address sees
     * only rules for that address), each with the running container that has its destination address, if any.
     */
    private List<NatRule> natRules(Set<Integer> ports, List<Container> running) {
        if (ports.isEmpty()) {
            return List.of();
        }
        List<String> rules;
        try {
            rules = firewall.dnatRules();
        } catch (RuntimeException e) {
            LOG.warning("the nat table could not be read, no DNAT rule surveyed: " + e.getMessage());
            return List.of();
        }
        Map<String, String> byAddress = new HashMap<>();
        for (Container c : running) {
            if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
                for (ContainerNetwork n : c.getNetworkSettings().getNetworks().values()) {
                    if (n.getIpAddress() != null && !n.getIpAddress().isBlank()) {
                        byAddress.put(n.getIpAddress(), c.getId());
                    }
                }
            }
        }
        return dnatRules(rules, ports, config.bindsEverywhere() ? null : config.bindAddress(), byAddress);
    }

    /**
     * The DNAT rules among {@code rules} (lines of {@code iptables-save -t nat}) for one of the ports, each with the
     * container that has its destination address.
     *
     * @param boundTo the one address the agent publishes on (only rules for it count); null when it binds everywhere
     */
    static List<NatRule> dnatRules(List<String> rules, Set<Integer> ports, String boundTo,
                                   Map<String, String> containerByAddress) {
        List<NatRule> found = new ArrayList<>();
        for (String rule : rules) {
            Matcher port = DPORT.matcher(rule);
            Matcher to = TO.matcher(rule);
            if (!rule.startsWith("-A ") || !rule.contains(" -j DNAT") || !port.find() || !to.find()
                    || !ports.contains(Integer.parseInt(port.group(1)))) {
                continue;
            }
            Matcher destination = DEST.matcher(rule);
            if (boundTo != null && !(destination.find() && destination.group(1).equals(boundTo))) {
                continue;
            }
            String target = to.group(1);
            String address = target.contains(":") ? target.substring(0, target.indexOf(':')) : target;
            found.add(new NatRule(rule, Integer.parseInt(port.group(1)), target, containerByAddress.get(address)));
        }
        return found;
    }
}
