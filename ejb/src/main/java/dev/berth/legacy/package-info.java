/**
 * The vendor admin guide's XML files ({@code docker_user.xml}, {@code docker_server.xml}) and a user's esProc
 * {@code unitServer.xml}, imported and exported, so an installation of the guide's {@code dockerManager} moves to
 * Berth (and back) without retyping users, hosts and ports.
 * <p>
 * The top of the component order: it plans and applies files through users, hosts, units and configs, and nothing
 * depends on it. esProc's own file formats are not kept here but in {@code configs}, which every unit start uses;
 * an import of a unitServer.xml reads it with that one reader.
 */
package dev.berth.legacy;
