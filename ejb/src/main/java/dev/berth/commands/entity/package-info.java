/** The command entity: what was asked of which host's agent, and how it ended. */
package dev.berth.commands.entity;
