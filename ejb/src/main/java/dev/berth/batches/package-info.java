/**
 * Provisioning in bulk: a batch of items (users to make or change, units to define, start, stop or delete) sent by an
 * HR feed or identity system over JMS ({@code berth.provisioning}) or by an admin over REST, applied item by item
 * through the same boundaries a person's requests go through, exactly once per item, and answered item by item.
 * <p>
 * Layer 10 of 10, the top (see docs/architecture.md): it applies items through legacy, units, users and commands, and
 * nothing depends on it.
 */
package dev.berth.batches;
