/**
 * Use cases on users: create, read, change or reset a password, disable, enable, delete, the login check with its
 * throttle, and the admin account of the first start.
 */
package dev.berth.users.boundary;
