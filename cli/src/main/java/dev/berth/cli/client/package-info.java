/**
 * The command line's side of the REST API: who logs in ({@link dev.berth.cli.client.Login}, never from the command
 * line), the HTTP calls with their error bodies turned into {@link dev.berth.cli.client.ApiException}, and a counted
 * upload for progress. Plain {@code java.net.http} and JSON-P: the command line shares no code with the server.
 */
package dev.berth.cli.client;
