package dev.berth.hosts.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import org.junit.jupiter.api.Test;

class HostSettingsTest {

    @Test
    void fillsInTheDefaults() {
        HostSettings checked = new HostSettings(" 192.168.0.186 ", null, null, null, null, null).checked();

        assertThat(checked).isEqualTo(new HostSettings("192.168.0.186", null, 1024, 65535, false, null));
    }

    @Test
    void takesAHostNameAndANormalisedShare() {
        HostSettings checked = new HostSettings("node-2.example.org", "/home/docker//share/", 8000, 8999, true, 9001)
                .checked();

        assertThat(checked.shareDir()).isEqualTo("/home/docker/share");
        assertThat(checked.manager()).isTrue();
    }

    @Test
    void namesEveryProblem() {
        HostSettings bad = new HostSettings("999.1.1.1/8", "share", 9000, 8000, null, 70000);

        assertThatThrownBy(bad::checked)
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("address '999.1.1.1/8' is no IPv4 address or host name")
                .hasMessageContaining("shareDir 'share' must be an absolute path")
                .hasMessageContaining("the port range 9000..8000")
                .hasMessageContaining("commPort 70000 is no port");
    }

    @Test
    void refusesAShareThatClimbsOut() {
        assertThatThrownBy(() -> new HostSettings("10.0.0.1", "/home/docker/../../etc", null, null, null, null)
                .checked()).hasMessageContaining("must not contain '..'");
    }

    @Test
    void refusesPortsBelow1024() {
        assertThatThrownBy(() -> new HostSettings("10.0.0.1", null, 80, 9000, null, null).checked())
                .hasMessageContaining("must lie within 1024..65535");
    }
}
