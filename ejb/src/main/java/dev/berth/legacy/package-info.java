/**
 * The vendor admin guide's XML files ({@code docker_user.xml}, {@code docker_server.xml}) and esProc's
 * {@code unitServer.xml}: read with line numbers, checked whole, and written back, so an installation of the guide's
 * {@code dockerManager} moves to Berth (and back) without retyping users, hosts and ports.
 */
package dev.berth.legacy;
