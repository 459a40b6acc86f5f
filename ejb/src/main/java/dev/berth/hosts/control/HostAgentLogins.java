package dev.berth.hosts.control;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.platform.control.AgentLogins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The broker's agent logins, checked against the hosts' accounts. */
@ApplicationScoped
public class HostAgentLogins implements AgentLogins {

    @Inject
    Hosts hosts;

    @Override
    public boolean matches(String host, String password) {
        return hosts.agentLogin(host, password);
    }
}
