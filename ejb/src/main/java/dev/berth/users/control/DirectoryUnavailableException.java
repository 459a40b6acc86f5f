package dev.berth.users.control;

/** The directory could not be asked (unreachable, timed out, misconfigured): no answer about the user either way. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
