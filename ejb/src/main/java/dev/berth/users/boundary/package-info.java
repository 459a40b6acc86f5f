/**
 * Use cases on users: create, read, change or reset a password, disable, enable, delete, the login check with its
 * throttle, API tokens (issue, list, revoke, the check of a Bearer request), and the admin account of the first
 * start.
 */
package dev.berth.users.boundary;
