package dev.berth.protocol;

/**
 * A command of a protocol version this build cannot read: newer than {@link Messages#VERSION}, or older than
 * {@link Messages#OLDEST_COMMAND_VERSION}. The text says which, and who should be upgraded.
 */
public class ProtocolVersionException extends MalformedMessageException {

    private final int version;

    ProtocolVersionException(int version, String reason) {
        super(reason);
        this.version = version;
    }

    /** The version the message carried. */
    public int version() {
        return version;
    }

    /** Whether the sender speaks a newer protocol than this build (rather than an older one). */
    public boolean newer() {
        return version > Messages.VERSION;
    }
}
