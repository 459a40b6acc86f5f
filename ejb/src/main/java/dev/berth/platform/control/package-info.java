/** Configuration read from MicroProfile Config, with defaults that make the embedded run work. */
package dev.berth.platform.control;
