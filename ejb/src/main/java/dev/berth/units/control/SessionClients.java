package dev.berth.units.control;

import java.util.List;

/**
 * The addresses a user's client sessions come from, each one IPv4 address: a user's units accept connections from
 * them besides the user's allowed networks, for as long as the session lives. The sessions component, which keeps the
 * sessions, answers. An interface on purpose: a session starts the user's units, so sessions stand above units, and a
 * start asks down through this.
 */
public interface SessionClients {

    List<String> of(String owner);
}
