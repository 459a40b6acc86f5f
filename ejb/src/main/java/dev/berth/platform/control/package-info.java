/**
 * Configuration read from MicroProfile Config, with defaults that make the embedded run work; the broker's
 * accounts and what each may do.
 */
package dev.berth.platform.control;
