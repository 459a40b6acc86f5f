package dev.berth.configs.control;

import java.util.regex.Pattern;

/**
 * An {@code ip:port} of esProc's and the guide's files: where a client reaches a node (a {@code Host} of
 * unitServer.xml, a {@code Unit} of docker_user.xml) or an agent ({@code Server} of docker_server.xml).
 *
 * @param ip   an IPv4 address or a host name
 * @param port 1..65535
 */
public record Endpoint(String ip, int port) {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /**
     * Reads {@code ip:port}, whitespace around either part tolerated.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Endpoint parse(String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + value + "' is no ip:port (no ':'); write it as 192.168.0.76:8281");
        }
        String ip = value.substring(0, colon).trim();
        String port = value.substring(colon + 1).trim();
        checkAddress(ip, value);
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("port '" + port + "' of '" + value + "' is no number");
        }
        int number = Integer.parseInt(port);
        if (number < MIN_PORT || number > MAX_PORT) {
            throw new IllegalArgumentException("port " + number + " of '" + value + "' is outside " + MIN_PORT + ".."
                    + MAX_PORT);
        }
        return new Endpoint(ip, number);
    }

    /** @throws IllegalArgumentException when {@code ip} is neither an IPv4 address nor a host name */
    public static void checkAddress(String ip, String context) {
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("'" + context + "' has no ip before the ':'");
        }
        if (IPV4.matcher(ip).matches()) {
            for (String part : ip.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("ip " + ip + " of '" + context + "' is no IPv4 address ("
                            + part + " > 255)");
                }
            }
        } else if (ip.matches("[\\d.]+") || !HOST_NAME.matcher(ip).matches()) {
            throw new IllegalArgumentException("ip '" + ip + "' of '" + context
                    + "' is neither an IPv4 address nor a host name");
        }
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
