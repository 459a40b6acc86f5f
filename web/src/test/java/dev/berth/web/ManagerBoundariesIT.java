package dev.berth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.agents.boundary.Answers;
import dev.berth.audit.boundary.AuditRecords;
import dev.berth.audit.entity.AuditRecord;
import dev.berth.commands.boundary.Commands;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.commands.entity.Command;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.AgentCredentials;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ObservedState;
import dev.berth.protocol.StartUnit;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.NewUnit;
import dev.berth.units.entity.UnitState;
import dev.berth.users.boundary.Users;
import dev.berth.users.boundary.Users.NewUser;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manager's boundaries inside Payara Micro, with the real H2 database (XA), the real embedded Artemis broker and
 * the real result consumer; no agent is deployed, so the test plays the agent, logged in with the broker account
 * its host's enrollment issued. Each test makes its own host, users and ports.
 */
@ExtendWith(ArquillianExtension.class)
class ManagerBoundariesIT {

    private static final Actor ADMIN = new Actor("admin", true);

    @Deployment
    static WebArchive manager() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("berth.war")))
                .addClass(ManagerBoundariesIT.class);
    }

    @EJB
    Units units;

    @EJB
    Users users;

    @EJB
    Hosts hosts;

    @EJB
    Commands commands;

    @EJB
    Answers answers;

    @EJB
    AuditRecords audit;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource
    UserTransaction transaction;

    /** Each test host's agent account, as its enrollment answered it. */
    private final Map<String, AgentCredentials> agents = new ConcurrentHashMap<>();

    @Test
    void startWritesCommandAuditAndSendsTheCommandTogether() throws Exception {
        String host = newHost();
        long unit = newUnit(host, 31001);

        Command command = units.start(unit, ADMIN);

        assertEquals(UnitState.STARTING, units.get(unit, ADMIN).getState());
        assertEquals("PENDING", commands.get(command.getId(), ADMIN).getState().name());
        TextMessage queued = queued(host, command.getId());
        assertEquals(Messages.VERSION, Messages.versionOf(queued));
        // read by Payara's own JSON-B, as an agent reads it: the kind picks the record
        StartUnit sent = assertInstanceOf(StartUnit.class, Messages.readCommand(Messages.versionOf(queued),
                queued.getText()));
        assertEquals(unit, sent.unitId());
        assertEquals(31001, sent.container().port());
        assertEquals(64L * 1024 * 1024, sent.container().memoryBytes());
        assertTrue(actions(unit).contains("unit.start ACCEPTED"), () -> actions(unit).toString());
    }

    @Test
    void sendsNothingAndChangesNothingWhenTheTransactionRollsBack() throws Exception {
        String host = newHost();
        long committed = newUnit(host, 31002);
        long rolledBack = newUnit(host, 31003);
        Command first = units.start(committed, ADMIN);

        transaction.begin();
        Command second = units.start(rolledBack, ADMIN);
        transaction.rollback();

        queued(host, first.getId());
        assertFalse(queuedIds(host).contains(second.getId()), "a rolled-back command reached the queue");
        assertEquals(UnitState.DEFINED, units.get(rolledBack, ADMIN).getState());
        assertThrowsNotFound(() -> commands.get(second.getId(), ADMIN));
        assertFalse(actions(rolledBack).contains("unit.start ACCEPTED"));
    }

    @Test
    void takesInTheAgentsResultOnceEvenWhenItComesTwice() throws Exception {
        String host = newHost();
        long unit = newUnit(host, 31004);
        Command command = units.start(unit, ADMIN);
        AgentResult result = AgentResult.succeeded(command.getId(), unit, host, ObservedState.RUNNING, "c0ffee");

        sendResult(result);
        until("the unit to run", () -> units.get(unit, ADMIN).getState() == UnitState.RUNNING);
        sendResult(result);
        until("the duplicate to be noted", () -> actions(unit).contains("command.duplicate SUCCEEDED"));

        assertEquals("SUCCEEDED", commands.get(command.getId(), ADMIN).getState().name());
        assertEquals("c0ffee", units.get(unit, ADMIN).getContainerId());
        assertEquals(1, Collections.frequency(actions(unit), "unit.start SUCCEEDED"));
    }

    @Test
    void dropsAResultThatAnotherHostsAgentSent() throws Exception {
        String host = newHost();
        String other = newHost();
        long unit = newUnit(host, 31007);
        Command command = units.start(unit, ADMIN);

        // the other host's agent claims, in the body, to be the unit's host
        sendResult(AgentResult.succeeded(command.getId(), unit, host, ObservedState.RUNNING, "f0e1d2"), other);
        until("the forged result to be audited", () -> actions(unit).contains("agent.forged FAILED"));

        assertTrue(audit.newest(unit, null, 100, ADMIN).stream().anyMatch(r -> r.getAction().equals("agent.forged")
                && r.getDetail().contains("broker account agent-" + other)), () -> actions(unit).toString());

        assertEquals(UnitState.STARTING, units.get(unit, ADMIN).getState());
        assertEquals("PENDING", commands.get(command.getId(), ADMIN).getState().name());
    }

    @Test
    void failsAUnitWhoseCommandIsNotAnswered() {
        String host = newHost();
        long unit = newUnit(host, 31005);
        Command command = units.start(unit, ADMIN);

        answers.expireOverdue(Duration.ZERO);

        assertEquals("EXPIRED", commands.get(command.getId(), ADMIN).getState().name());
        assertEquals(UnitState.FAILED, units.get(unit, ADMIN).getState());
        assertTrue(units.get(unit, ADMIN).getLastError().contains("host " + host + " did not answer"));
    }

    @Test
    void letsOnlyOneOfTwoConcurrentRequestsHaveAPort() throws Exception {
        String host = newHost();
        String first = newUser();
        String second = newUser();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> attempts = pool.invokeAll(List.of(
                    () -> units.create(new NewUnit(first, host, 31006, null), ADMIN).getId(),
                    () -> units.create(new NewUnit(second, host, 31006, null), ADMIN).getId()));
            int created = 0;
            int refused = 0;
            for (Future<Long> attempt : attempts) {
                try {
                    attempt.get();
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof BerthException, e.getCause().toString());
                    assertTrue(e.getCause().getMessage().contains("port 31006 on host " + host));
                    refused++;
                }
            }
            assertEquals(1, created);
            assertEquals(1, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    private String newHost() {
        String name = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        agents.put(name, hosts.enroll(name, ADMIN));
        hosts.heard(new Heartbeat(Messages.VERSION, name, "127.0.0.1", "20.10", 2, 1L << 32, null, Instant.now(),
                null));
        return name;
    }

    private String newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.create(new NewUser(name, "测试", "password-" + name, "64m", 512, null, null, null, null, null), ADMIN);
        return name;
    }

    private long newUnit(String host, int port) {
        return units.create(new NewUnit(newUser(), host, port, null), ADMIN).getId();
    }

    private List<String> actions(long unit) {
        List<String> actions = new ArrayList<>();
        for (AuditRecord record : audit.newest(unit, null, 100, ADMIN)) {
            actions.add(record.getAction() + " " + record.getOutcome());
        }
        return actions;
    }

    /** Sends the result as the agent of the host it names. */
    private void sendResult(AgentResult result) throws Exception {
        sendResult(result, result.host());
    }

    /**
     * Sends the result logged in as the agent of {@code sender}, with a plain client: the adapter's pooled
     * connections would be the manager's whatever user a context asks for.
     */
    private void sendResult(AgentResult result, String sender) throws Exception {
        AgentCredentials agent = agents.get(sender);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(System.getenv("BERTH_BROKER_BIND"));
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(agent.user(), agent.password(), false, true, true, false,
                     1)) {
            ClientMessage message = session.createMessage(org.apache.activemq.artemis.api.core.Message.TEXT_TYPE,
                    true);
            message.getBodyBuffer().writeNullableSimpleString(SimpleString.of(Messages.toJson(result)));
            message.putStringProperty(Messages.TYPE, MessageType.RESULT.name());
            try (ClientProducer producer = session.createProducer(Messages.RESULTS_QUEUE)) {
                producer.send(message);
            }
        }
    }

    private TextMessage queued(String host, String commandId) throws Exception {
        TextMessage[] found = new TextMessage[1];
        until("command " + commandId + " on the queue of " + host, () -> {
            for (Message m : browse(host)) {
                if (commandId.equals(m.getStringProperty(Messages.COMMAND_ID))) {
                    found[0] = (TextMessage) m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private List<String> queuedIds(String host) throws JMSException {
        List<String> ids = new ArrayList<>();
        for (Message m : browse(host)) {
            ids.add(m.getStringProperty(Messages.COMMAND_ID));
        }
        return ids;
    }

    private List<Message> browse(String host) throws JMSException {
        try (QueueBrowser browser = jms.createBrowser(jms.createQueue(Messages.agentQueue(host)))) {
            return Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
        }
    }

    private static void assertThrowsNotFound(Runnable call) {
        try {
            call.run();
        } catch (BerthException e) {
            assertEquals(BerthException.Problem.NOT_FOUND, e.problem());
            return;
        }
        throw new AssertionError("expected NOT_FOUND");
    }

    private static void until(String what, Callable<Boolean> condition) throws Exception {
        Instant end = Instant.now().plusSeconds(20);
        while (!condition.call()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
