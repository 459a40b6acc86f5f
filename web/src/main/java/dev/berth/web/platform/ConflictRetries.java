package dev.berth.web.platform;

import dev.berth.platform.entity.BerthException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.OptimisticLockException;
import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Runs a request again when its transaction was rolled back because a row it changed had been changed by another
 * transaction first (the entities' versions, {@link OptimisticLockException}). The transaction is the boundary
 * EJB's, inside this call, so a retry reads the rows afresh and decides again (a delete of a unit that a concurrent
 * request already deleted then answers 404): nothing of the lost attempt was kept, its broker messages included, as
 * they were sent in the same XA transaction. After {@value #ATTEMPTS} lost races the caller gets 409 and can send the
 * request again.
 */
@RetriedOnConflict
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ConflictRetries implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int ATTEMPTS = 8;

    private static final Logger LOG = Logger.getLogger(ConflictRetries.class.getName());

    @AroundInvoke
    public Object retry(InvocationContext call) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return call.proceed();
            } catch (RuntimeException e) {
                if (!lostARace(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    LOG.warning(() -> call.getMethod().getDeclaringClass().getSimpleName() + "."
                            + call.getMethod().getName() + " lost " + ATTEMPTS + " races for its rows in a row");
                    throw BerthException.conflict("what this request changes was changed by other requests at the"
                            + " same time, " + ATTEMPTS + " times in a row; nothing was changed, send it again");
                }
                // a few milliseconds, growing and spread, so that racing requests do not meet again at once
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
            }
        }
    }

    /** Whether an optimistic lock failed somewhere in the chain (the container wraps it in its own exceptions). */
    static boolean lostARace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
