package dev.berth.configs.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.configs.control.UnitServerXml.Config;
import dev.berth.configs.control.UnitServerXml.Entry;
import dev.berth.configs.control.UnitServerXml.Host;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnitServerXmlTest {

    /** Reads {@code xml}; a file with problems fails the test with them, see {@link #problemsOf}. */
    private static Config parse(String xml) {
        Problems problems = new Problems(UnitServerXml.FILE);
        Config config = UnitServerXml.read(xml, problems).orElse(null);
        assertThat(problems.lines()).isEmpty();
        return config;
    }

    private static List<String> problemsOf(String xml) {
        Problems problems = new Problems(UnitServerXml.FILE);
        assertThat(UnitServerXml.read(xml, problems)).isEmpty();
        return problems.lines();
    }

    @Test
    void writesTheShapeTheUnitImageAccepts() {
        String written = UnitServerXml.write(List.of(new Host("192.168.0.77", 8282, 2, 1),
                Host.forCpuShares("192.168.0.77", 8283, 1024)));

        assertThat(written).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <SERVER Version="3">
                    <TempTimeOut>12</TempTimeOut>
                    <Interval>0</Interval>
                    <AutoStart>false</AutoStart>
                    <ProxyTimeOut>12</ProxyTimeOut>
                    <Hosts>
                        <Host ip="192.168.0.77" port="8282" maxTaskNum="2" preferredTaskNum="1">
                        </Host>
                        <Host ip="192.168.0.77" port="8283" maxTaskNum="4" preferredTaskNum="2">
                        </Host>
                    </Hosts>
                    <EnabledClients check="false">
                    </EnabledClients>
                </SERVER>
                """);
        // start-unit.sh finds a unit's entry with grep '<Host[ >]' | grep 'port="P"' on one line
        assertThat(written.lines().filter(Pattern.compile("<Host[ >]").asPredicate())
                .filter(l -> l.contains("port=\"8283\"") && l.contains("ip=\"192.168.0.77\""))).hasSize(1);
    }

    @Test
    void readsWhatItWrites() {
        List<Host> hosts = List.of(new Host("0.0.0.0", 8281, 4, 2), new Host("10.1.2.3", 8282, 2, 1));

        Config config = parse(UnitServerXml.write(hosts));

        assertThat(config.hosts()).containsExactly(new Entry(8, hosts.get(0)), new Entry(10, hosts.get(1)));
        assertThat(config.clientCheck()).isFalse();
    }

    @Test
    void readsAnEsprocFileWithOtherSettingsAndSelfClosingHosts() {
        Config config = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <SERVER Version="4">
                  <TempTimeOut>12</TempTimeOut>
                  <Hosts>
                    <Host ip="192.168.0.76" port="8281" maxTaskNum="8" preferredTaskNum="4"/>
                  </Hosts>
                  <EnabledClients check="true">
                    <Host>192.168.0.10</Host>
                  </EnabledClients>
                </SERVER>
                """);

        assertThat(config.hosts()).containsExactly(new Entry(5, new Host("192.168.0.76", 8281, 8, 4)));
        assertThat(config.clientCheck()).isTrue();
    }

    @Test
    void readsAHostWithoutTaskCountsAsEsprocDoes() {
        Config config = parse("""
                <SERVER Version="3"><Hosts><Host ip="127.0.0.1" port="8281"/></Hosts><EnabledClients check="false"/>
                </SERVER>""");

        assertThat(config.hosts()).containsExactly(new Entry(1, new Host("127.0.0.1", 8281, Host.NOT_GIVEN,
                Host.NOT_GIVEN)));
    }

    @Test
    void sizesTaskCountsByCpuSharesAsTheUnitImageDoes() {
        assertThat(Host.forCpuShares("0.0.0.0", 1, 2)).isEqualTo(new Host("0.0.0.0", 1, 2, 1));
        assertThat(Host.forCpuShares("0.0.0.0", 1, 512)).isEqualTo(new Host("0.0.0.0", 1, 2, 1));
        assertThat(Host.forCpuShares("0.0.0.0", 1, 4096)).isEqualTo(new Host("0.0.0.0", 1, 16, 8));
        assertThat(Host.forCpuShares("0.0.0.0", 1, 262144)).isEqualTo(new Host("0.0.0.0", 1, 32, 16));
    }

    @Test
    void listsEveryProblemWithItsLine() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <SERVER Version="2">
                  <Hosts>
                    <Host ip="192.168.0.76" port="8281" maxTaskNum="4" preferredTaskNum="2"/>
                    <Host ip="192.168.0.76" port="8281" maxTaskNum="4" preferredTaskNum="2"/>
                    <Host ip="999.1.1.1" port="x" preferredTaskNum="2"/>
                    <Host ip="10.0.0.1" port="8282" maxTaskNum="2" preferredTaskNum="3"/>
                    <Node/>
                  </Hosts>
                  <EnabledClients check="maybe"/>
                </SERVER>
                """;

        assertThat(problemsOf(xml)).containsExactly(
                        "line 2: <SERVER> has Version '2'; esProc needs Version=\"3\" or later",
                        "line 5: host 192.168.0.76:8281 appears twice (also on line 4); keep one",
                        "line 6: <Host>: ip 999.1.1.1 of 'ip=\"999.1.1.1\"' is no IPv4 address (999 > 255)",
                        "line 6: <Host> port 'x' is no number",
                        "line 7: <Host> 10.0.0.1:8282 prefers 3 tasks but allows only maxTaskNum 2;"
                                + " preferredTaskNum must not exceed it",
                        "line 8: unknown element <Node> in <Hosts>; expected <Host>",
                        "line 10: <EnabledClients> has check 'maybe'; write check=\"true\" (only listed clients) or"
                                + " check=\"false\"");
    }

    @Test
    void refusesAFileWithoutHostsOrClients() {
        assertThat(problemsOf("<SERVER Version=\"3\">\n</SERVER>")).containsExactly(
                "line 1: <SERVER> needs exactly one <Hosts>, found 0",
                "line 1: <SERVER> needs exactly one <EnabledClients check=\"true|false\">, found 0");
    }
}
