package dev.berth.platform.control;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;

/**
 * Counts, inside the embedded broker, every message delivered again after a consumer rolled it back (a manager or
 * agent failure): the broker sees every queue's deliveries, so no consumer needs to count its own. The count starts
 * at zero with each start of the broker.
 */
public class Redeliveries implements ActiveMQServerMessagePlugin {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void afterDeliver(ServerConsumer consumer, MessageReference reference) {
        // the broker counts a delivery before handing it on: a first delivery is 1
        if (reference.getDeliveryCount() > 1) {
            count.incrementAndGet();
        }
    }

    /** Messages delivered again since the broker started. */
    public long count() {
        return count.get();
    }
}
