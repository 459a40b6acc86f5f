package dev.berth.agents.boundary;

import java.time.Instant;

/**
 * A message in the dead-letter queue, as an admin sees it.
 *
 * @param id            its JMS message id without the {@code ID:} prefix: what replay and discard name
 * @param origin        the queue it came from ({@code berthOrigin} when Berth kept it, Artemis's original queue when
 *                      the broker moved it after its last delivery attempt); null when neither says
 * @param reason        why it is here
 * @param movedByBroker true when the broker moved it (its consumer failed at every delivery), false when a consumer
 *                      of Berth kept it because it could not be understood
 * @param type          its {@code type} property (RESULT, HEARTBEAT, COMMAND, ...)
 * @param commandId     the command it concerns, when it says
 * @param unitId        the unit it concerns, when it says
 * @param sender        the broker account that sent the original, when known
 * @param at            when it was sent (moved by the broker) or kept (by Berth)
 * @param deliveryCount the broker's delivery count as the queue browser sees it
 * @param body          its text, at most {@link #BODY_SHOWN} characters
 * @param bodyLength    the whole text's length
 */
public record DeadLetter(String id, String origin, String reason, boolean movedByBroker, String type,
                         String commandId, Long unitId, String sender, Instant at, int deliveryCount, String body,
                         int bodyLength) {

    /** How much of a body a listing shows. */
    public static final int BODY_SHOWN = 500;
}
