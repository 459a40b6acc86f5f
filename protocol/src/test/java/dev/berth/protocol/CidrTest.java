package dev.berth.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void readsNetworksAndSingleAddresses() {
        assertThat(Cidr.parse("10.1.0.0/16")).hasToString("10.1.0.0/16");
        assertThat(Cidr.parse(" 192.168.7.9 ")).hasToString("192.168.7.9/32");
        assertThat(Cidr.parse("0.0.0.0/0").contains(0xFFFFFFFFL)).isTrue();
        assertThat(Cidr.parse("127.0.0.0/8").contains(0x7F000002L)).isTrue();
        assertThat(Cidr.parse("127.0.0.0/8").contains(0x80000001L)).isFalse();
    }

    @Test
    void refusesWhatIptablesWouldReadDifferentlyOrNotAtAll() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8"))
                .hasMessageContaining("host bits set: its network is 10.0.0.0/8");
        assertThatThrownBy(() -> Cidr.parse("010.0.0.0/8")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256")).hasMessageContaining("'256'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/40")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> Cidr.parse("fe80::/10")).hasMessageContaining("no IPv4 network");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/8 -j ACCEPT")).hasMessageContaining("no IPv4 network");
        assertThat(Cidr.isValid(null)).isFalse();
    }

    @Test
    void readsEndpoints() {
        assertThat(Cidr.isEndpoint("10.2.0.7:8281")).isTrue();
        assertThat(Cidr.isEndpoint("10.2.0.7")).isFalse();
        assertThat(Cidr.isEndpoint("10.2.0.0/16:8281")).isFalse();
        assertThat(Cidr.isEndpoint("10.2.0.7:70000")).isFalse();
        assertThat(Cidr.isEndpoint("host.example:8281")).isFalse();
    }
}
