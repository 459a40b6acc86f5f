/**
 * Client sessions: the guide's "the manager is the entry of the network and checks user logins" and "the same user
 * name may not be used at the same time". A user's client (the esProc IDE or a program, through {@code berth login})
 * opens a session: the user's units are started or joined, they accept connections from the client's address besides
 * the user's allowed networks, and the client gets its esProc files. One session per user name: a second login is
 * refused, or takes the first one over, as configured. A session lives while its client keeps it alive, and ends at
 * logout, at expiry, when an admin ends it, or when the user loses their access ({@code users.boundary.AccessRevoked});
 * its end stops the units it started and takes its address off the others.
 * <p>
 * Layer 9 of 10 (see docs/architecture.md): uses configs (the client's files), units (start, join, stop, who may reach
 * them), commands (whether the agents have set the new clients), users, audit and platform. A start asks for the
 * sessions' addresses through {@code units.control.SessionClients}, which this component implements.
 */
package dev.berth.sessions;
