/** Reading the options of a log request as the guide's {@code docker logs} takes them. */
package dev.berth.units.control;
