/** Reading a command and its outcome. */
package dev.berth.commands.boundary;
