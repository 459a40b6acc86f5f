package dev.berth.web.platform;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/** Tells {@link ConsoleSessions} when a session's id changes and when a session ends. */
@WebListener
public class ConsoleSessionListener implements HttpSessionListener, HttpSessionIdListener {

    @Inject
    ConsoleSessions sessions;

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.idChanged(oldSessionId, event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.ended(event.getSession());
    }
}
