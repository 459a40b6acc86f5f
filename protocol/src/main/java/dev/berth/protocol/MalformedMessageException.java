package dev.berth.protocol;

/** A message body that cannot be understood; the text says what was wrong with it. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
