/** Use cases on users: create, read, and the admin account of the first start. */
package dev.berth.users.boundary;
