/** The sessions' answer to the units component: from which addresses a user's clients come. */
package dev.berth.sessions.control;
