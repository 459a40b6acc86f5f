/** Sending commands to the host queues; joins the caller's (XA) transaction. */
package dev.berth.commands.control;
