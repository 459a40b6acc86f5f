package dev.berth.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * An expected business failure: bad input, a missing thing, a conflict, a refusal. Its message is shown to the
 * person who asked, so it says what was wrong and what to do. Thrown from a boundary, it rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class BerthException extends RuntimeException {

    /** What kind of failure, which the REST layer maps to an HTTP status. */
    public enum Problem {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), UNAVAILABLE(503);

        public final int status;

        Problem(int status) {
            this.status = status;
        }
    }

    private final Problem problem;

    public BerthException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public static BerthException invalid(String message) {
        return new BerthException(Problem.INVALID, message);
    }

    public static BerthException notFound(String message) {
        return new BerthException(Problem.NOT_FOUND, message);
    }

    public static BerthException conflict(String message) {
        return new BerthException(Problem.CONFLICT, message);
    }

    /** Something Berth depends on (an agent, the engine) did not answer; trying again later may work. */
    public static BerthException unavailable(String message) {
        return new BerthException(Problem.UNAVAILABLE, message);
    }

    /** A request body over the limit for its endpoint. */
    public static BerthException tooLarge(String message) {
        return new BerthException(Problem.TOO_LARGE, message);
    }

    public static BerthException forbidden(String message) {
        return new BerthException(Problem.FORBIDDEN, message);
    }

    public Problem problem() {
        return problem;
    }
}
