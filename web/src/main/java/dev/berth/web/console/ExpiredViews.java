package dev.berth.web.console;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A console form came back with a view state the server does not hold: its session ended (logout, idle timeout, the
 * user disabled) or the state was never Berth's (a forged form, see docs/api-security.md, CSRF). Faces restored
 * nothing, so no field was taken and no action ran; this sends the browser to load the page again (a redirect, or
 * Faces' partial-response one for an Ajax request), which shows it afresh, or the login page when the session is
 * gone.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    /** Takes the expired views out of the queue; every other exception goes on to the wrapped handler. */
    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() throws FacesException {
            Iterator<ExceptionQueuedEvent> queued = getUnhandledExceptionQueuedEvents().iterator();
            while (queued.hasNext()) {
                if (queued.next().getContext().getException() instanceof ViewExpiredException) {
                    queued.remove();
                    reload(FacesContext.getCurrentInstance());
                }
            }
            getWrapped().handle();
        }

        private static void reload(FacesContext faces) {
            if (faces.getResponseComplete()) {
                return;
            }
            ExternalContext external = faces.getExternalContext();
            try {
                // a redirect (302) the browser follows with a GET; Faces' partial-response one for an Ajax request
                external.redirect(((HttpServletRequest) external.getRequest()).getRequestURI());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            faces.responseComplete();
        }
    }
}
