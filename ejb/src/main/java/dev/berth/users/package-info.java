/**
 * The people who own units: login name, display alias, hashed password, role, and the limits every one of their
 * units runs with (memory, CPU shares) and the home directory mounted into them.
 */
package dev.berth.users;
