package dev.berth.protocol;

import java.util.regex.Pattern;

/**
 * An IPv4 network in CIDR notation ({@code 10.1.0.0/16}, or a single address {@code 10.1.2.3}, which is a /32), as
 * the manager stores a user's allowed clients and the agent turns them into firewall rules. Only canonical text gets
 * through: each part 0..255 without leading zeros, a prefix of 0..32, no host bits set.
 *
 * @param address the network's first address, as an unsigned 32-bit value
 * @param prefix  how many leading bits are fixed
 */
public record Cidr(long address, int prefix) {

    private static final Pattern SHAPE =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/\\d{1,2})?");

    /**
     * Reads a network.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Cidr parse(String text) {
        var m = text == null ? null : SHAPE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is no IPv4 network: write a.b.c.d/prefix, e.g."
                    + " 10.0.0.0/8, or one address a.b.c.d");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            String part = m.group(i);
            int value = Integer.parseInt(part);
            if (value > 255 || (part.length() > 1 && part.startsWith("0"))) {
                throw new IllegalArgumentException("'" + text + "' is no IPv4 network: '" + part
                        + "' is not a number 0..255 (without leading zeros)");
            }
            address = address << 8 | value;
        }
        int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5).substring(1));
        if (prefix > 32) {
            throw new IllegalArgumentException("'" + text + "': the prefix must be 0..32");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: its network is "
                    + new Cidr(address & mask, prefix));
        }
        return new Cidr(address, prefix);
    }

    /** Whether the text is a network {@link #parse} takes. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the text is one IPv4 address, {@code a.b.c.d} (no prefix). */
    public static boolean isAddress(String text) {
        return text != null && !text.contains("/") && isValid(text);
    }

    /** Whether the text is an IPv4 address and a port, {@code a.b.c.d:port}. */
    public static boolean isEndpoint(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0 || !isAddress(text.substring(0, colon))) {
            return false;
        }
        String port = text.substring(colon + 1);
        return port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    /** Whether the network holds the address (an unsigned 32-bit value). */
    public boolean contains(long other) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (other & mask) == address;
    }

    /** The network's first address, dotted. */
    public String first() {
        return dotted(address);
    }

    private static String dotted(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }

    @Override
    public String toString() {
        return dotted(address) + "/" + prefix;
    }
}
