package dev.berth.batches.control;

import dev.berth.batches.entity.BatchItem;
import dev.berth.batches.entity.ItemOutcome;
import dev.berth.commands.control.CommandPublisher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The replies of the provisioning contract, sent to the batch's reply queue with the batch id as correlation id, in
 * the caller's transaction (XA with the database): an item's reply commits with its outcome, or neither does.
 */
@Stateless
public class Replies {

    /** JMS property of a reply: {@code item} or {@code done}. */
    public static final String TYPE = "type";

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    public static JsonObject item(String batch, BatchItem item) {
        JsonObjectBuilder reply = Json.createObjectBuilder().add("batch", batch).add("key", item.getItemKey())
                .add("outcome", item.getOutcome().name());
        if (item.getDetail() == null) {
            reply.addNull("detail");
        } else {
            reply.add("detail", item.getDetail());
        }
        return reply.build();
    }

    public static JsonObject done(String batch, Map<ItemOutcome, Long> counts) {
        return Json.createObjectBuilder().add("batch", batch).add("done", true)
                .add("applied", counts.getOrDefault(ItemOutcome.APPLIED, 0L))
                .add("unchanged", counts.getOrDefault(ItemOutcome.UNCHANGED, 0L))
                .add("failed", counts.getOrDefault(ItemOutcome.FAILED, 0L)).build();
    }

    /** The answer to a message that is no batch: a FAILED summary with the reason. */
    public static JsonObject malformed(String batch, String reason) {
        JsonObjectBuilder reply = Json.createObjectBuilder();
        if (batch == null) {
            reply.addNull("batch");
        } else {
            reply.add("batch", batch);
        }
        return reply.add("done", true).add("applied", 0).add("unchanged", 0).add("failed", 0).add("error", reason)
                .build();
    }

    /**
     * Sends one reply; false when the queue cannot be reached (a temporary queue whose producer left), which loses
     * nothing of the batch: its results stay readable (GET /api/batches/{id}, or the same batch sent again).
     */
    public boolean send(String queue, String batch, JsonObject reply) {
        try {
            TextMessage message = jms.createTextMessage(reply.toString());
            message.setJMSCorrelationID(batch);
            message.setStringProperty(TYPE, reply.containsKey("done") ? "done" : "item");
            jms.createProducer().send(jms.createQueue(queue), message);
            return true;
        } catch (JMSException | JMSRuntimeException e) {
            LOG.warning(() -> "the replies of batch " + batch + " cannot go to " + queue + " (" + e.getMessage()
                    + "); they are no longer sent, the batch goes on");
            return false;
        }
    }
}
