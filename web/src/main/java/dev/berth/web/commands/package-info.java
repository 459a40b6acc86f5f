/** REST resource and JSON view for commands. */
package dev.berth.web.commands;
