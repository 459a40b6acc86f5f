/** The use cases: list the drift of one or every ONLINE host, preview or carry out its repairs. */
package dev.berth.drift.boundary;
