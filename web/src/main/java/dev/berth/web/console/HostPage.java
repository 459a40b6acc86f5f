package dev.berth.web.console;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.UnitOverview;
import dev.berth.units.boundary.UnitOverview.HostLoad;
import dev.berth.units.entity.Unit;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.List;

/** One host in detail ({@code host.xhtml?name=h1}): its settings, last heartbeat, load, and the units on it. */
@Named
@RequestScoped
public class HostPage {

    @EJB
    Hosts hosts;

    @EJB
    UnitOverview units;

    private String name;
    private HostRow host;
    private List<Unit> onHost;

    /** Reads the host named in the address; an unknown one is said at the top of the page. */
    public void load() {
        if (name == null || name.isBlank()) {
            FieldMessages.error(FacesContext.getCurrentInstance(), "say which host: host.xhtml?name=<host>");
            return;
        }
        try {
            host = new HostRow(hosts.get(name), units.loadByHost().getOrDefault(name, HostLoad.NONE));
            onHost = units.onHost(name);
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The host; null when it is unknown. */
    public HostRow getHost() {
        return host;
    }

    /** Its units, by port. */
    public List<Unit> getUnits() {
        return onHost == null ? List.of() : onHost;
    }

    /** The ports its units hold, lowest first: "8281, 8282". */
    public String getPortsInUse() {
        return getUnits().isEmpty() ? "none" : String.join(", ", getUnits().stream()
                .map(u -> String.valueOf(u.getPort())).toList());
    }
}
