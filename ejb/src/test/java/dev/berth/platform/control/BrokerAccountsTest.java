package dev.berth.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;

class BrokerAccountsTest {

    /** Agents consume commands; the manager sends them (the embedded broker's settings for berth.agent.#). */
    private static final Set<Role> COMMANDS = Set.of(
            new Role("manager", true, false, true, false, true, false, false, true, true, false, false, false),
            new Role("agent", false, true, true, false, true, false, false, false, true, false, false, false));
    private static final Set<Role> RESULTS = Set.of(
            new Role("manager", true, true, true, false, true, false, false, true, true, false, false, false),
            new Role("agent", true, false, true, false, true, false, false, false, true, false, false, false));

    private final BrokerAccounts accounts = new BrokerAccounts("manager", "m-secret",
            (host, password) -> host.equals("h1") && password.equals("h1-secret")
                    || host.equals("h2") && password.equals("h2-secret"));

    @Test
    void logsInTheManagerAndEnrolledAgentsOnly() {
        assertThat(accounts.authenticate("manager", "m-secret", null, null)).isNotNull();
        assertThat(accounts.authenticate("manager", "h1-secret", null, null)).isNull();
        assertThat(accounts.authenticate("agent-h1", "h1-secret", null, null)).isNotNull();
        assertThat(accounts.authenticate("agent-h1", "h2-secret", null, null)).isNull();
        assertThat(accounts.authenticate("agent-h3", "h1-secret", null, null)).isNull();
        assertThat(accounts.authenticate("agent", "h1-secret", null, null)).isNull();
        assertThat(accounts.authenticate("agent-h1", null, null, null)).isNull();
    }

    @Test
    void letsAnAgentConsumeItsOwnQueueOnly() {
        Subject h1 = accounts.authenticate("agent-h1", "h1-secret", null, null);

        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CONSUME, "berth.agent.h1")).isTrue();
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CONSUME, "berth.agent.h2")).isFalse();
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CREATE_DURABLE_QUEUE, "berth.agent.h2")).isFalse();
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CONSUME, "berth.agent.h2::berth.agent.h2")).isFalse();
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CONSUME, "berth.agent.h1::berth.agent.h1")).isTrue();
        // a host whose name starts like another's is another host
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.CONSUME, "berth.agent.h10")).isFalse();
    }

    @Test
    void letsAnAgentSendResultsButNeitherCommandsNorConsumeResults() {
        Subject h1 = accounts.authenticate("agent-h1", "h1-secret", null, null);

        assertThat(accounts.authorize(h1, RESULTS, CheckType.SEND, "berth.results")).isTrue();
        assertThat(accounts.authorize(h1, RESULTS, CheckType.CONSUME, "berth.results")).isFalse();
        assertThat(accounts.authorize(h1, COMMANDS, CheckType.SEND, "berth.agent.h1")).isFalse();
    }

    @Test
    void letsTheManagerSendToEveryHostAndConsumeResults() {
        Subject manager = accounts.authenticate("manager", "m-secret", null, null);

        assertThat(accounts.authorize(manager, COMMANDS, CheckType.SEND, "berth.agent.h1")).isTrue();
        assertThat(accounts.authorize(manager, COMMANDS, CheckType.SEND, "berth.agent.h2")).isTrue();
        assertThat(accounts.authorize(manager, COMMANDS, CheckType.CONSUME, "berth.agent.h1")).isFalse();
        assertThat(accounts.authorize(manager, RESULTS, CheckType.CONSUME, "berth.results")).isTrue();
    }

    @Test
    void refusesAManagerAccountNamedLikeAnAgent() {
        assertThatThrownBy(() -> new BrokerAccounts("agent-x", "p", (h, p) -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BERTH_BROKER_MANAGER_USER");
    }

    @Test
    void refusesEveryLoginWhileTheHostTableCannotBeRead() {
        BrokerAccounts down = new BrokerAccounts("manager", "m-secret", (host, password) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(down.authenticate("agent-h1", "h1-secret", null, null)).isNull();
        assertThat(down.authenticate("manager", "m-secret", null, null)).isNotNull();
    }

    @Test
    void letsTheProvisionerSendBatchesAndUseItsTemporaryQueuesOnly() {
        BrokerAccounts withProvisioner = new BrokerAccounts("manager", "m-secret", (host, password) -> false,
                "provisioner", java.util.Optional.of("p-secret"));
        Subject provisioner = withProvisioner.authenticate("provisioner", "p-secret", null, null);
        assertThat(withProvisioner.authenticate("provisioner", "m-secret", null, null)).isNull();
        assertThat(accounts.authenticate("provisioner", "p-secret", null, null)).as("no password: no account")
                .isNull();
        Set<Role> everything = Set.of(new Role("provisioner", true, true, true, true, true, true, true, true, true,
                true, true, true));
        String temporary = java.util.UUID.randomUUID().toString();

        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.SEND, "berth.provisioning")).isTrue();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CONSUME, "berth.provisioning"))
                .isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.SEND, "berth.results")).isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CONSUME, "berth.agent.h1")).isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CONSUME, "DLQ")).isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CREATE_NON_DURABLE_QUEUE, temporary))
                .isTrue();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CONSUME, temporary)).isTrue();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CREATE_DURABLE_QUEUE, temporary))
                .isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.SEND, temporary)).isFalse();
        String durable = "berth.provisioning.replies.hr";
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CREATE_DURABLE_QUEUE, durable)).isTrue();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.CONSUME, durable)).isTrue();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.DELETE_DURABLE_QUEUE, durable))
                .isFalse();
        assertThat(withProvisioner.authorize(provisioner, everything, CheckType.SEND, durable)).isFalse();
    }

    @Test
    void refusesAProvisioningAccountNamedAsTheManagerOrAnAgent() {
        assertThatThrownBy(() -> new BrokerAccounts("manager", "m", (h, p) -> false, "manager",
                java.util.Optional.of("p"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BrokerAccounts("manager", "m", (h, p) -> false, "agent-h1",
                java.util.Optional.of("p"))).isInstanceOf(IllegalArgumentException.class);
    }
}
