/** Reading commands, consuming agents' results and heartbeats, and the periodic housekeeping. */
package dev.berth.commands.boundary;
