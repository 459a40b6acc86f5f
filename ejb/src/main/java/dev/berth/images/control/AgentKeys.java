package dev.berth.images.control;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.protocol.DownloadProof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks an agent's {@link DownloadProof}: its broker password, against its host's account as the broker checks a
 * login (the hash verified once per password, see the hosts' verified logins).
 */
@ApplicationScoped
public class AgentKeys {

    @EJB
    Hosts hosts;

    /** Whether {@code proof} shows that the agent of {@code host} asks. */
    public boolean proves(String host, String proof) {
        return host != null && proof != null && !proof.isBlank() && hosts.agentLogin(host, proof);
    }
}
