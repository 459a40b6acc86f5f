package dev.berth.cli.client;

import java.util.List;

/**
 * Berth refused a request, or did not answer: the message is the API's own {@code error} (and {@code problems}, one
 * per line of a refused file), or says where nothing answered. The command line exits with 1.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<String> problems;

    public ApiException(int status, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** The HTTP status, or 0 when Berth did not answer at all. */
    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
