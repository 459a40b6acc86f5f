package dev.berth.legacy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.configs.control.Endpoint;
import dev.berth.legacy.control.DockerServerXml.Server;
import org.junit.jupiter.api.Test;

class DockerServerXmlTest {

    /** The guide's sample (section 2.3), with the declaration's quotes as XML has them. */
    static final String GUIDE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Config>
             <Server>192.168.0.186:9001</Server>
             <Share>/home/docker/share</Share>
             <NodeType>manager</NodeType>
            </Config>
            """;

    @Test
    void readsTheGuidesSample() {
        Server server = DockerServerXml.parse(GUIDE);

        assertThat(server).isEqualTo(new Server(3, new Endpoint("192.168.0.186", 9001), "/home/docker/share", true));
        assertThat(DockerServerXml.parse(GUIDE.replace("share</", "./share//</")).share())
                .isEqualTo("/home/docker/share");
    }

    @Test
    void aMachineWithoutNodeTypeIsNoManager() {
        Server server = DockerServerXml.parse("<Config>\n<Server> 192.168.0.187 : 9001 </Server>\n</Config>");

        assertThat(server).isEqualTo(new Server(2, new Endpoint("192.168.0.187", 9001), null, false));
    }

    @Test
    void writesWhatItReads() {
        Server server = DockerServerXml.parse(GUIDE);

        String written = DockerServerXml.write(server);

        assertThat(written).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Config>
                    <Server>192.168.0.186:9001</Server>
                    <Share>/home/docker/share</Share>
                    <NodeType>manager</NodeType>
                </Config>
                """);
        assertThat(DockerServerXml.parse(written)).isEqualTo(server);
        Server plain = new Server(0, new Endpoint("h2.example", 9001), null, false);
        assertThat(DockerServerXml.write(plain)).doesNotContain("NodeType", "Share");
        assertThat(DockerServerXml.parse(DockerServerXml.write(plain))).isEqualTo(
                new Server(3, new Endpoint("h2.example", 9001), null, false));
    }

    @Test
    void listsEveryProblemWithItsLine() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Config>
                  <Server>192.168.0.186:99999</Server>
                  <Share>home/../share</Share>
                  <NodeType>worker</NodeType>
                  <Server>192.168.0.187:9001</Server>
                  <Port>9001</Port>
                </Config>
                """;

        assertThatThrownBy(() -> DockerServerXml.parse(xml))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 3: <Server>: port 99999 of '192.168.0.186:99999' is outside 1..65535",
                        "line 4: <Share> 'home/../share' must be an absolute path",
                        "line 5: <NodeType> is 'worker'; it is 'manager' on the entry machine and absent on the"
                                + " others",
                        "line 6: <Server> appears twice; one file describes one machine: write one docker_server.xml"
                                + " per machine",
                        "line 7: unknown element <Port> in <Config>; expected Server, Share or NodeType (one file"
                                + " describes one machine)"));
    }

    @Test
    void refusesAMissingServerATraversingShareAndAnotherRoot() {
        assertThatThrownBy(() -> DockerServerXml.parse("<Config>\n<Share>/srv/../etc</Share>\n</Config>"))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 1: <Server> is missing; give the machine's ip:port, such as 192.168.0.186:9001",
                        "line 2: <Share> '/srv/../etc' climbs out of its directory with '..'"));
        assertThatThrownBy(() -> DockerServerXml.parse("<Users/>"))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("line 1: the root element is <Users>; a docker_server.xml has <Config>"));
    }
}
