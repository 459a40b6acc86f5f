/**
 * Drift: where a host differs from what Berth keeps, found live by asking each ONLINE host's agent (a survey) and
 * judged here: containers labelled as Berth's with no unit, units whose container is missing, exited or made from
 * other settings, ports held by something that is not their unit, and DNAT rules no running container explains. An
 * admin previews and repairs them; every repair is audited as {@code drift.repair}.
 * <p>
 * Layer 9 of 10, beside legacy, metrics and sessions (see docs/architecture.md): uses units (a repair start goes
 * through {@code Units}), hosts, commands (the broker's connection), audit and platform.
 */
package dev.berth.drift;
