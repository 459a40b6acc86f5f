/**
 * Users' esProc configuration files, {@code raqsoftConfig.xml} and {@code unitServer.xml}: generated from the database
 * (the user's units, limits and paths) unless an admin edited them, and sent with every start so that the agent writes
 * them into the user's home on its host ("the manager copies the user's configuration into the docker").
 */
package dev.berth.configs;
