package dev.berth.configs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EsprocFilesTest {

    private final List<Endpoint> units = List.of(new Endpoint("192.168.0.77", 8282), new Endpoint("192.168.0.77", 8283));

    @Test
    void generatesOneHostPerUnitWithTaskCountsFromTheCpuShare() {
        String xml = EsprocFiles.unitServer(units, 512);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<SERVER Version=\"3\">")
                .contains("<Host ip=\"192.168.0.77\" port=\"8282\" maxTaskNum=\"2\" preferredTaskNum=\"1\">")
                .contains("<Host ip=\"192.168.0.77\" port=\"8283\" maxTaskNum=\"2\" preferredTaskNum=\"1\">")
                .contains("<EnabledClients check=\"false\">");
        assertThat(TaskCounts.forCpuShares(4096)).isEqualTo(new TaskCounts(16, 8));
        assertThat(TaskCounts.forCpuShares(1 << 18)).isEqualTo(new TaskCounts(32, 16));
        assertThat(TaskCounts.forCpuShares(2)).isEqualTo(new TaskCounts(2, 1));
    }

    @Test
    void generatesTheGuidesRuntimeConfiguration() {
        assertThat(EsprocFiles.raqsoftConfig(1024))
                .contains("<charSet>UTF-8</charSet>")
                .contains("<splPath>/demo</splPath>")
                .contains("<splPath>/app/demo</splPath>")
                .contains("<mainPath>/app/data</mainPath>")
                .contains("<parallelNum>2</parallelNum>");
    }

    @Test
    void givesAClientARaqsoftConfigListingEveryUnitInItsJdbcSection() {
        String xml = EsprocFiles.clientRaqsoftConfig(units);

        assertThat(xml).contains("<Config Version=\"3\">", "<load>Runtime,Server</load>");
        assertThat(xml.substring(xml.indexOf("<Units>"), xml.indexOf("</Units>")).lines().skip(1)
                .map(String::strip).filter(line -> !line.isEmpty()).toList())
                .containsExactly(units.stream().map(unit -> "<Unit>" + unit + "</Unit>").toArray(String[]::new));
        assertThatCode(() -> XmlTree.read(xml, new Problems("raqsoftConfig.xml")).orElseThrow())
                .as("well-formed").doesNotThrowAnyException();
    }

    @Test
    void acceptsWhatItGenerates() {
        assertThatCode(() -> EsprocFiles.check(EsprocFiles.UNIT_SERVER, EsprocFiles.unitServer(units, 1024), units))
                .doesNotThrowAnyException();
        assertThatCode(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, EsprocFiles.raqsoftConfig(1024), units))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAUnitServerWithoutAHostForOneOfTheUsersUnits() {
        String onlyOne = EsprocFiles.unitServer(List.of(units.get(0)), 1024);

        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.UNIT_SERVER, onlyOne, units))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("line 7: no <Host> has port 8283 (the user's unit at 192.168.0.77:8283");
    }

    @Test
    void namesEveryProblemOfAUnitServer() {
        String old = "<SERVER Version=\"2\">\n<Hosts><Host ip=\"1.2.3.4\" port=\"x\"/></Hosts></SERVER>";

        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.UNIT_SERVER, old, List.of()))
                .hasMessageContaining("line 1: <SERVER> has Version '2'; esProc needs Version=\"3\" or later")
                .hasMessageContaining("line 1: <SERVER> needs exactly one <EnabledClients")
                .hasMessageContaining("line 2: <Host> port 'x' is no number");
    }

    @Test
    void acceptsAHostWithoutTaskCountsAsEsprocDoes() {
        String bare = "<SERVER Version=\"3\"><Hosts><Host ip=\"127.0.0.1\" port=\"8282\"/>"
                + "<Host ip=\"127.0.0.1\" port=\"8283\"/></Hosts><EnabledClients check=\"false\"/></SERVER>";

        assertThatCode(() -> EsprocFiles.check(EsprocFiles.UNIT_SERVER, bare, units)).doesNotThrowAnyException();
    }

    @Test
    void refusesTheWrongRootAndXmlThatIsNotWellFormedWithItsLine() {
        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, "<SERVER/>", units))
                .hasMessageContaining("line 1: the root element is <SERVER>, esProc expects <Config>");
        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, "<Config>\n<Runtime>\n</Config>", units))
                .hasMessageContaining("line 3: not well-formed XML");
    }

    @Test
    void neverReadsExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Config [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Config>&x;</Config>""";

        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, xxe, units))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void knowsOnlyItsTwoFiles() {
        assertThatThrownBy(() -> EsprocFiles.check("../../etc/passwd", "<Config/>", units))
                .hasMessageContaining("no configuration file '../../etc/passwd'");
    }
}
