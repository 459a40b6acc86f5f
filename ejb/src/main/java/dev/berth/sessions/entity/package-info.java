/**
 * A client session and its rules: one live session per user name, its client's address, when it was last kept alive,
 * the units it started, and how it ended; an admin's choice of the session rules, kept over the configured ones.
 */
package dev.berth.sessions.entity;
