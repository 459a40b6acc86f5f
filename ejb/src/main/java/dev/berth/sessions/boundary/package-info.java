/**
 * Client sessions' use cases: open (start or join the user's units), keep alive, end, list, and the rules (one per user
 * name: refuse or take over; expiry; stop or leave the units at the end); the timer that expires silent sessions.
 */
package dev.berth.sessions.boundary;
