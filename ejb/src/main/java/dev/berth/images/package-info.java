/**
 * Images: an admin loads a vendor image tar, as the guide's {@code docker load -i esproc.tar}, onto one host or all
 * hosts. The manager keeps the upload once; each host's agent fetches it over HTTP with a proof of its own (hosts
 * share no file system, and a tar of hundreds of megabytes does not belong in a JMS message) and loads it into its
 * engine. Units can then use any loaded image.
 * <p>
 * Layer 7 of 10, beside units (see docs/architecture.md): uses agents (it observes the answers to LOAD_IMAGE),
 * commands, hosts, audit and platform; units and images do not know each other.
 */
package dev.berth.images;
