package dev.berth.agent.isolation.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One bridge network per user on this host: a user's units share it and reach each other; different users' units
 * are on different networks and never meet (see {@link HostFirewall}). Each network gets a /27 of
 * {@code berth.agent.unit-networks} and a bridge whose name this agent's rules know ({@code b<tag><uid>}). Making one
 * costs a start about 80 ms, so a network stays when the user's last unit on the host goes: the user's next unit
 * there starts without that cost. (Networks of users who have left a host are not removed yet.)
 */
@ApplicationScoped
public class UnitNetworks {

    static final String MANAGED = "berth.managed";
    static final String HOST = "berth.host";
    static final String UID = "berth.uid";
    /** A /27: 30 addresses, more units than one user runs on one host. */
    static final int PREFIX = 27;

    private static final Logger LOG = Logger.getLogger(UnitNetworks.class.getName());

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    @Inject
    HostFirewall firewall;

    /** A user's network as a unit's container joins it. */
    public record UserNetwork(String name, String bridge) {
    }

    /**
     * The user's network, made when it is missing (its firewall rules come with each unit's, see
     * {@link HostFirewall#allow}).
     *
     * @throws DockerException when the engine refuses it, e.g. because the range is used up
     */
    public synchronized UserNetwork ensure(String user, int uid) {
        String name = name(uid);
        String bridge = firewall.bridgePrefix() + uid;
        if (find(name).isEmpty()) {
            create(name, bridge, user, uid);
        }
        return new UserNetwork(name, bridge);
    }

    /** The name of the network of the user with this uid on this host. */
    public String name(int uid) {
        return "berth-" + config.host() + "-u" + uid;
    }

    private Optional<Network> find(String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).findFirst();
    }

    private void create(String name, String bridge, String user, int uid) {
        Cidr pool = Cidr.parse(config.unitNetworks());
        if (pool.prefix() > PREFIX) {
            throw new IllegalStateException("berth.agent.unit-networks " + pool + " is smaller than one /" + PREFIX);
        }
        Set<String> taken = new HashSet<>();
        for (Network n : docker.listNetworksCmd().exec()) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                n.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull)
                        .forEach(taken::add);
            }
        }
        long count = 1L << (PREFIX - pool.prefix());
        for (long i = 0; i < count; i++) {
            Cidr subnet = new Cidr(pool.address() + (i << (32 - PREFIX)), PREFIX);
            if (taken.contains(subnet.toString())) {
                continue;
            }
            String gateway = new Cidr(subnet.address() + 1, 32).first();
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(subnet.toString()).withGateway(gateway)))
                        .withOptions(Map.of("com.docker.network.bridge.name", bridge,
                                "com.docker.network.bridge.enable_icc", "true"))
                        .withLabels(Map.of(MANAGED, "true", HOST, config.host(), UID, String.valueOf(uid),
                                "berth.user", user))
                        .exec();
                LOG.info(() -> "network " + name + " (" + subnet + ", bridge " + bridge + ") for user " + user);
                return;
            } catch (ConflictException sameName) {
                // made a moment ago by another process on this engine: it is the user's network all the same
                return;
            } catch (DockerException e) {
                if (!String.valueOf(e.getMessage()).contains("overlap")) {
                    throw e;
                }
                // a network outside Berth's view holds this range: try the next one
            }
        }
        throw new IllegalStateException("no free /" + PREFIX + " left in " + pool + " for user " + user
                + "'s unit network on host " + config.host() + "; give the agent a wider BERTH_AGENT_UNIT_NETWORKS");
    }
}
