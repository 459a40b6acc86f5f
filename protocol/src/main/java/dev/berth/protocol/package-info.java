/**
 * The wire contract between the manager and its agents.
 * <p>
 * Every message is a JMS {@code TextMessage} holding one of these records as JSON, with the JMS properties named in
 * {@link dev.berth.protocol.Messages} ({@code type}, {@code version}, {@code commandId}, ...) so that a message can be
 * routed, audited and answered even when its body cannot be parsed. Both sides compile against this one module, so
 * the contract cannot drift between them.
 * <p>
 * Versions ({@link dev.berth.protocol.Messages#VERSION}; an agent carries out commands from
 * {@link dev.berth.protocol.Messages#OLDEST_COMMAND_VERSION} on and answers others with a FAILED result saying why;
 * {@code docs/protocol.md} has the whole contract):
 * <ul>
 *   <li>1: lifecycle commands, results, heartbeats, LOGS request/reply;</li>
 *   <li>2: followed logs ({@code docker logs -f}): {@code LogRequest.follow}; the answer becomes a stream of
 *       {@code UnitLogs} chunks ({@code sequence} from 0, {@code end} on the last, {@code busy} when the agent
 *       follows too many streams already) on the reply-to queue; the manager keeps a follower alive with
 *       {@code LOGS_FOLLOWING} commands (same {@code commandId} as the LOGS command) every few seconds and ends it
 *       with {@code LOGS_STOP}. Also: {@code ContainerSpec.shareDir} and {@code configFiles} (the user's esProc files
 *       the agent writes into the home before a start; plain file names only); {@code LOAD_IMAGE} commands without
 *       a unit, carrying an {@code ImageDownload} (the upload's id and path on the manager, the tar's SHA-256 and
 *       size; no token: the agent proves itself with a {@code DownloadProof}), answered with the loaded
 *       {@code images}.</li>
 *   <li>3: a unit's isolation in {@code ContainerSpec} (uid, pids and open-file limits, allowed clients, disk, peers,
 *       other hosts);</li>
 *   <li>4: one record per command kind (the sealed {@link dev.berth.protocol.AgentCommand}), each with its own fields
 *       only, the version in the JMS property only; agents read version 3 too and answer a newer version with a
 *       FAILED result naming the agent to upgrade;</li>
 *   <li>5: {@code ALLOW_CLIENTS} ({@link dev.berth.protocol.AllowClients}): who may reach a running unit, set anew
 *       without a restart when a user's client session opens or ends.</li>
 * </ul>
 */
package dev.berth.protocol;
