/** The MDB that consumes this host's command queue: parse, act, answer; unreadable commands go to the DLQ. */
package dev.berth.agent.commands.boundary;
