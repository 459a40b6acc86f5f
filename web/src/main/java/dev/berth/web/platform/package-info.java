/** The REST application, the login (HTTP Basic against the user table) and the mapping of errors to JSON. */
package dev.berth.web.platform;
