package dev.berth.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the manager's start-up beans have run. They run once, in their {@code @DependsOn} order, on the thread
 * that deploys the application; but the container takes calls a moment before that, and a call to a start-up
 * singleton that has not run yet makes it run at once, on the caller's thread and out of that order. If it fails
 * there, the caller alone sees why, and the container refuses that singleton for good ("unavailable because its
 * original initialization failed"): CI once saw a manager that never became ready that way, its schema migration
 * started by a health check. So what anyone may call from the first second on (the health checks, the metrics) asks
 * a start-up bean only once it has run, and until then answers without it ("starting", or no figure).
 */
@ApplicationScoped
public class StartupState {

    private final Set<Class<?>> run = ConcurrentHashMap.newKeySet();

    /** Called by a start-up bean at the end of its start, with its own class. */
    public void markRun(Class<?> bean) {
        run.add(bean);
    }

    /** True once the start-up bean of this class has run (and succeeded). */
    public boolean hasRun(Class<?> bean) {
        return run.contains(bean);
    }
}
