package dev.berth.web.console;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.UnitOverview;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The admin's hosts: the list with each host's state and load, and the dialog to define or change a host. */
@Named
@ViewScoped
public class HostsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The beginnings of the hosts boundary's messages, and the dialog's field each is about. */
    static final Map<String, String> FIELDS = FieldMessages.ordered("host name", "hostForm:name",
            "host '", "hostForm:name",
            "address", "hostForm:address", "shareDir", "hostForm:shareDir", "the port range", "hostForm:portMin",
            "commPort", "hostForm:commPort", "host ", "hostForm:manager");

    @EJB
    Hosts hosts;

    @EJB
    UnitOverview units;

    @Inject
    ConsoleSession session;

    private boolean defining = true;
    private String name;
    private String address;
    private String shareDir;
    private Integer portMin;
    private Integer portMax;
    private boolean manager;
    private Integer commPort;

    public List<HostRow> getHosts() {
        return HostRow.all(hosts.all(), units.loadByHost());
    }

    public void prepareDefine() {
        defining = true;
        name = null;
        address = null;
        shareDir = null;
        portMin = Host.MIN_PORT;
        portMax = Host.MAX_PORT;
        manager = false;
        commPort = null;
    }

    public void prepareEdit(String host) {
        Host h = hosts.get(host);
        defining = false;
        name = h.getName();
        address = h.getAddress();
        shareDir = h.getShareDir();
        portMin = h.getPortMin();
        portMax = h.getPortMax();
        manager = h.isManager();
        commPort = h.getCommPort();
    }

    /** Defines the host (as POST /api/hosts) or changes it (as PUT /api/hosts/{name}). */
    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HostSettings settings = new HostSettings(address, shareDir, portMin, portMax, manager, commPort);
        try {
            if (defining) {
                hosts.define(name == null ? null : name.trim(), settings, session.actor());
                FieldMessages.info(faces, "Host " + name.trim() + " defined; it is DEFINED until its agent reports.");
            } else {
                hosts.configure(name, settings, session.actor());
                FieldMessages.info(faces, "Host " + name + " changed; its units keep their ports.");
            }
        } catch (BerthException refusal) {
            FieldMessages.show(faces, refusal, FIELDS);
        }
    }

    public boolean isDefining() {
        return defining;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getShareDir() {
        return shareDir;
    }

    public void setShareDir(String shareDir) {
        this.shareDir = shareDir;
    }

    public Integer getPortMin() {
        return portMin;
    }

    public void setPortMin(Integer portMin) {
        this.portMin = portMin;
    }

    public Integer getPortMax() {
        return portMax;
    }

    public void setPortMax(Integer portMax) {
        this.portMax = portMax;
    }

    public boolean isManager() {
        return manager;
    }

    public void setManager(boolean manager) {
        this.manager = manager;
    }

    public Integer getCommPort() {
        return commPort;
    }

    public void setCommPort(Integer commPort) {
        this.commPort = commPort;
    }
}
