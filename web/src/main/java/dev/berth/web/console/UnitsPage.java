package dev.berth.web.console;

import dev.berth.units.boundary.Units;
import dev.berth.units.entity.Unit;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The units page: an admin sees every unit, a user their own (the boundary decides which). */
@Named
@RequestScoped
public class UnitsPage {

    @EJB
    Units units;

    @Inject
    ConsoleSession session;

    private List<Unit> visible;

    public List<Unit> getUnits() {
        if (visible == null) {
            visible = units.visibleTo(session.actor());
        }
        return visible;
    }
}
