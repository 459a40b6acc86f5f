package dev.berth.configs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.configs.control.EsprocFiles.Endpoint;
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
        assertThat(EsprocFiles.maxTasks(4096)).isEqualTo(16);
        assertThat(EsprocFiles.maxTasks(1 << 18)).isEqualTo(32);
        assertThat(EsprocFiles.preferredTasks(2)).isEqualTo(1);
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
                .hasMessageContaining("no <Host> has port 8283 (the user's unit at 192.168.0.77:8283");
    }

    @Test
    void namesEveryProblemOfAUnitServer() {
        String old = "<SERVER Version=\"2\"><Hosts><Host ip=\"1.2.3.4\" port=\"x\"/></Hosts></SERVER>";

        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.UNIT_SERVER, old, List.of()))
                .hasMessageContaining("Version 2 is too old")
                .hasMessageContaining("<EnabledClients> is missing")
                .hasMessageContaining("has no numeric port");
    }

    @Test
    void refusesTheWrongRootAndXmlThatIsNotWellFormedWithItsLine() {
        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, "<SERVER/>", units))
                .hasMessageContaining("the root element is <SERVER>, esProc expects <Config>");
        assertThatThrownBy(() -> EsprocFiles.check(EsprocFiles.RAQSOFT_CONFIG, "<Config>\n<Runtime>\n</Config>", units))
                .hasMessageContaining("not well-formed XML: line 3");
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
