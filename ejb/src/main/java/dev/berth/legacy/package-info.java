/**
 * The vendor admin guide's XML files ({@code docker_user.xml}, {@code docker_server.xml}) and a user's esProc
 * {@code unitServer.xml}, imported and exported, so an installation of the guide's {@code dockerManager} moves to
 * Berth (and back) without retyping users, hosts and ports.
 * <p>
 * Layer 9 of 10 (see docs/architecture.md): it plans and applies files through configs, units, hosts, users,
 * audit and platform, and only batches (a docker_user.xml sent as a batch) depend on it. esProc's own file formats
 * live in configs, which every unit start uses; an import of a unitServer.xml reads it with that one reader.
 */
package dev.berth.legacy;
