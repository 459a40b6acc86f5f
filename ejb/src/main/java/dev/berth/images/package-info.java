/**
 * Images: an admin loads a vendor image tar, as the guide's {@code docker load -i esproc.tar}, onto one host or all
 * hosts. The manager keeps the upload once; each host's agent fetches it over HTTP with a proof of its own (hosts
 * share no file system, and a tar of hundreds of megabytes does not belong in a JMS message) and loads it into its
 * engine. Units can then use any loaded image.
 */
package dev.berth.images;
