/** Password hashing (creation, changes, logins) and the login throttle's settings. */
package dev.berth.users.control;
