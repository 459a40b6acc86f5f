package dev.berth.web.console;

import dev.berth.commands.entity.CommandFinished;
import dev.berth.hosts.boundary.HostStateChanged;
import dev.berth.units.boundary.UnitChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;

/**
 * Tells open dashboards that what they show has changed, through Faces' web socket ({@code <f:websocket
 * channel="dashboard">}): a host went ONLINE or OFFLINE, a unit changed its state (STARTING and STOPPING too, not
 * only the outcomes), or a command got its outcome (an image load, a failure for the recent failures). Only committed changes are told (the events are observed after a successful commit); the page
 * then fetches its new state itself, so the message carries no data.
 */
@ApplicationScoped
public class ConsolePush {

    /** The one message: "look again". */
    static final String CHANGED = "changed";

    @Inject
    @Push(channel = "dashboard")
    PushContext dashboard;

    void hostChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) HostStateChanged change) {
        dashboard.send(CHANGED);
    }

    void unitChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) UnitChanged change) {
        dashboard.send(CHANGED);
    }

    void commandFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandFinished finished) {
        dashboard.send(CHANGED);
    }
}
