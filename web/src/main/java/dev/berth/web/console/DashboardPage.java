package dev.berth.web.console;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/** The admin's dashboard: the hosts and how they are. */
@Named
@RequestScoped
public class DashboardPage {

    @EJB
    Hosts hosts;

    private List<Host> all;

    public List<Host> getHosts() {
        if (all == null) {
            all = hosts.all();
        }
        return all;
    }

    public long getOnline() {
        return getHosts().stream().filter(Host::isOnline).count();
    }
}
