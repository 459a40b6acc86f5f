/**
 * Users' esProc configuration files, {@code raqsoftConfig.xml} and {@code unitServer.xml}: generated from the database
 * (the user's units, limits and paths) unless an admin edited them, and sent with every start so that the agent writes
 * them onto its host ("the manager copies the user's configuration into the docker"). esProc's file formats live
 * here, each written and read once: the templates, the task-count rule, the one unitServer.xml reader.
 * <p>
 * Layer 8 of 10 (see docs/architecture.md): uses units (a unitServer.xml has one {@code Host} per unit of the user),
 * users, audit and platform. A start asks for the files through {@code units.control.StartFiles}, which this
 * component implements.
 */
package dev.berth.configs;
