package dev.berth.hosts.entity;

import java.util.Objects;

/**
 * The broker account an enrolled host's agent logs in with. The password exists in clear only in this answer to
 * the admin who enrolled the host; Berth keeps its hash.
 *
 * @param host     the host's name
 * @param user     the broker user ({@code agent-<host>})
 * @param password the generated password
 */
public record AgentCredentials(String host, String user, String password) {

    public AgentCredentials {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "AgentCredentials[host=" + host + ", user=" + user + ", password=(hidden)]";
    }
}
