package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.SurveyReport.NatRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which nat rules a survey reports, read from {@code iptables-save -t nat} as Docker and an operator leave them. */
class HostDriftTest {

    private static final List<String> TABLE = List.of(
            "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "-A DOCKER -i docker0 -j RETURN",
            "-A DOCKER -d 127.0.0.1/32 ! -i bberth20001 -p tcp -m tcp --dport 8281 -j DNAT --to-destination"
                    + " 172.30.0.2:8281",
            "-A DOCKER -d 127.0.0.1/32 -p tcp -m tcp --dport 8282 -j DNAT --to-destination 172.17.255.254:8282",
            "-A DOCKER -d 127.0.0.2/32 -p tcp -m tcp --dport 8282 -j DNAT --to-destination 10.213.5.2:8282",
            "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8283 -j DNAT --to-destination 172.17.0.4:8283",
            "-A DOCKER -d 127.0.0.1/32 -p tcp -m tcp --dport 9999 -j DNAT --to-destination 172.17.0.9:9999");

    @Test
    void reportsTheDnatRulesOfTheUnitsPortsWithTheContainerTheyLeadTo() {
        List<NatRule> rules = HostDrift.dnatRules(TABLE, Set.of(8281, 8282, 8283), null,
                Map.of("172.30.0.2", "c1", "172.17.0.4", "c3"));

        assertThat(rules).extracting(NatRule::port, NatRule::destination, NatRule::containerId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8281, "172.30.0.2:8281", "c1"),
                org.assertj.core.groups.Tuple.tuple(8282, "172.17.255.254:8282", null),
                org.assertj.core.groups.Tuple.tuple(8282, "10.213.5.2:8282", null),
                org.assertj.core.groups.Tuple.tuple(8283, "172.17.0.4:8283", "c3"));
        assertThat(rules.get(1).rule()).isEqualTo(TABLE.get(3));
    }

    @Test
    void anAgentBoundToOneAddressSeesOnlyTheRulesForThatAddress() {
        assertThat(HostDrift.dnatRules(TABLE, Set.of(8281, 8282, 8283), "127.0.0.2", Map.of()))
                .extracting(NatRule::destination).containsExactly("10.213.5.2:8282");
        assertThat(HostDrift.dnatRules(TABLE, Set.of(8282), "127.0.0.1", Map.of()))
                .extracting(NatRule::destination).containsExactly("172.17.255.254:8282");
    }
}
