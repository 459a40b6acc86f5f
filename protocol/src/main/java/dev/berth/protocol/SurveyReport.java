package dev.berth.protocol;

import java.util.List;

/**
 * An agent's answer to a {@link Survey}, on the command's reply-to queue: what it found on its host, facts only; the
 * manager judges them.
 *
 * @param host       the agent's host
 * @param containers every container of the host's engine labelled {@code berth.managed=true}
 * @param units      per unit of the survey: the config hash a start would give now, and who holds its port
 * @param natRules   the nat table's DNAT rules for a port of the survey's units, bound where this agent publishes
 * @param error      why the host could not be surveyed (engine down); null when it could
 */
public record SurveyReport(String host, List<SeenContainer> containers, List<UnitCheck> units,
                           List<NatRule> natRules, String error) {

    public SurveyReport {
        containers = containers == null ? List.of() : List.copyOf(containers);
        units = units == null ? List.of() : List.copyOf(units);
        natRules = natRules == null ? List.of() : List.copyOf(natRules);
    }

    /** The host could not be surveyed. */
    public static SurveyReport failed(String host, String error) {
        return new SurveyReport(host, List.of(), List.of(), List.of(), error);
    }

    /**
     * A container labelled as Berth's.
     *
     * @param id         Docker's id
     * @param name       its name, without the leading slash
     * @param unitId     its label {@code berth.unit}; null when it has none or no number
     * @param user       its label {@code berth.user}
     * @param running    whether it runs
     * @param state      Docker's state (running, exited, created, ...) and status text
     * @param configHash its label {@code berth.config-hash}
     * @param port       its label {@code berth.port}; null when it has none
     */
    public record SeenContainer(String id, String name, Long unitId, String user, boolean running, String state,
                                String configHash, Integer port) {
    }

    /**
     * What the agent found for one unit of the survey.
     *
     * @param unitId       the unit
     * @param expectedHash the config hash a start of the survey's {@link ExpectedUnit#start()} would give; null when
     *                     it cannot be told ({@code hashProblem} says why)
     * @param hashProblem  why no hash could be computed (no start sent, image not loaded, ...); null when it could
     * @param portHolder   what holds the unit's port on the host when it is not the unit's container (another
     *                     container, a host process); null when nothing else holds it
     * @param holderId     the holding container's id; null for a host process or when the port is free
     */
    public record UnitCheck(long unitId, String expectedHash, String hashProblem, String portHolder,
                            String holderId) {
    }

    /**
     * A DNAT rule of the nat table, as {@code iptables-save -t nat} writes it.
     *
     * @param rule        the rule's line, {@code -A <chain> ...}
     * @param port        its destination port ({@code --dport})
     * @param destination where it sends connections ({@code --to-destination}, {@code address[:port]})
     * @param containerId the running container of this host's engine that has the destination address; null when
     *                    none has it (the rule is stale)
     */
    public record NatRule(String rule, int port, String destination, String containerId) {
    }
}
