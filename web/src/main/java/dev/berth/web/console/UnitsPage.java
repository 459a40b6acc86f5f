package dev.berth.web.console;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.NewUnit;
import dev.berth.units.entity.Unit;
import dev.berth.users.boundary.Users;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.PrimeFaces;

/**
 * The units page: an admin sees every unit and defines new ones, a user sees their own (the boundary decides which);
 * both start, stop and delete after a confirmation. The confirmation names the unit by its id in the form, and the
 * boundary decides whether the caller may act on it: a forged id is refused there. Rows change without a reload
 * through {@link UnitPush}.
 */
@Named
@ViewScoped
public class UnitsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Units units;

    @EJB
    Users users;

    @EJB
    Hosts hosts;

    @Inject
    ConsoleSession session;

    @Inject
    ManagerConfig config;

    /** Where the boundary's refusals of a new unit go: its words start with the field ("port 80 is outside ..."). */
    private static final Map<String, String> NEW_UNIT_FIELDS = FieldMessages.ordered(
            "user", "newUnitForm:user", "no user", "newUnitForm:user",
            "host", "newUnitForm:host", "no host", "newUnitForm:host",
            "port", "newUnitForm:port", "image", "newUnitForm:image");

    private transient List<Unit> visible;

    private String user;
    private String host;
    private Integer port;
    private String image;

    private Long target;
    private String verb;

    public List<Unit> getUnits() {
        if (visible == null) {
            visible = units.visibleTo(session.actor());
        }
        return visible;
    }

    /** A push said some unit changed: the next render reads the units again. */
    public void refresh() {
        visible = null;
    }

    /** Users whose name or alias holds {@code text}, for the dialog's user field: a page of them, never all. */
    public List<String> completeUser(String text) {
        return UserNames.matching(users, text, session);
    }

    /** The hosts an admin may put a new unit on. */
    public List<String> getHostNames() {
        return session.isAdmin() ? hosts.all().stream().map(Host::getName).toList() : List.of();
    }

    /** The image of a unit defined without one. */
    public String getDefaultImage() {
        return config.unitDefaultImage();
    }

    /** Defines the unit of the dialog; the boundary's refusal goes to the field it is about. */
    public void create() {
        try {
            Unit unit = units.create(new NewUnit(user, host, port, image), session.actor());
            info("Unit " + unit.getId() + " defined", user + " on " + host + ":" + port + " (" + unit.getImage()
                    + "); start it when you need it.");
            user = null;
            host = null;
            port = null;
            image = null;
            refresh();
            PrimeFaces.current().executeScript("PF('newUnit').hide()");
        } catch (BerthException e) {
            FieldMessages.show(FacesContext.getCurrentInstance(), e, NEW_UNIT_FIELDS);
        }
    }

    /** Carries out the confirmed start, stop or delete of unit {@link #getTarget()}. */
    @RetriedOnConflict
    public void confirm() {
        try {
            if (target == null) {
                throw BerthException.invalid("no unit was named; choose one in the table");
            }
            String what = verb == null ? "" : verb;
            switch (what) {
                case "start" -> units.start(target, session.actor());
                case "stop" -> units.stop(target, session.actor());
                case "delete" -> units.delete(target, session.actor());
                default -> throw BerthException.invalid("'" + what + "' is nothing a unit does; start, stop or"
                        + " delete it");
            }
            info("Unit " + target + ": " + what + " requested", "The row shows its state as the agent reports it.");
        } catch (BerthException e) {
            FieldMessages.error(FacesContext.getCurrentInstance(), e.getMessage());
        } finally {
            refresh();
        }
    }

    private static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary,
                detail));
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Long getTarget() {
        return target;
    }

    public void setTarget(Long target) {
        this.target = target;
    }

    public String getVerb() {
        return verb;
    }

    public void setVerb(String verb) {
        this.verb = verb;
    }
}
