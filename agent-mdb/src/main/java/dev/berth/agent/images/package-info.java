/**
 * Images on this host: an image tar an admin uploaded to the manager is fetched over HTTP (hosts share no file
 * system, and a tar of hundreds of megabytes does not belong in a JMS message) and streamed into the engine, as
 * the guide's {@code docker load -i esproc.tar}.
 */
package dev.berth.agent.images;
