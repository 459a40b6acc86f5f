package dev.berth.legacy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.configs.control.Endpoint;
import dev.berth.legacy.control.DockerUserXml.User;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.entity.MemorySize;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerUserXmlTest {

    /** The guide's sample (section 2.5), with the declaration's quotes as XML has them and the closing tag fixed. */
    static final String GUIDE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Users>
             <User>
             <Name>aaa</Name>
             <Alias>张三</Alias>
             <Pwd>123456</Pwd>
             <Memory>500m</Memory>
             <CPU>512</CPU>
             <Home>/opt/app/aaa</Home>
             <Unit>192.168.0.76:8281</Unit>
             </User>
             <User>
             <Name>bbb</Name>
             <Alias>李四</Alias>
             <Pwd>123456</Pwd>
             <Memory>500m</Memory>
             <CPU>512</CPU>
             <Home>/opt/app/bbb</Home>
             <Unit>192.168.0.77:8282,192.168.0.77:8283</Unit>
             </User>
            </Users>
            """;

    @Test
    void readsTheGuidesSample() {
        List<User> users = DockerUserXml.parse(GUIDE);

        assertThat(users).hasSize(2);
        User aaa = users.get(0);
        assertThat(aaa.line()).isEqualTo(3);
        assertThat(aaa.name()).isEqualTo("aaa");
        assertThat(aaa.alias()).isEqualTo("张三");
        assertThat(aaa.password()).isEqualTo("123456");
        assertThat(aaa.passwordIsHash()).isFalse();
        assertThat(aaa.memory()).isEqualTo(MemorySize.parse("500m"));
        assertThat(aaa.cpuShares()).isEqualTo(512);
        assertThat(aaa.home()).isEqualTo("/opt/app/aaa");
        assertThat(aaa.unitLine()).isEqualTo(10);
        assertThat(aaa.units()).containsExactly(new Endpoint("192.168.0.76", 8281));
        User bbb = users.get(1);
        assertThat(bbb.line()).isEqualTo(12);
        assertThat(bbb.alias()).isEqualTo("李四");
        assertThat(bbb.unitLine()).isEqualTo(19);
        assertThat(bbb.units()).containsExactly(new Endpoint("192.168.0.77", 8282), new Endpoint("192.168.0.77", 8283));
    }

    @Test
    void toleratesWhitespaceAroundValuesAndCommasAndAnEmptyOrMissingUnit() {
        List<User> users = DockerUserXml.parse("""
                <Users><User>
                  <Name>  ccc </Name><Pwd> secret-ccc </Pwd><Memory> 64M </Memory><CPU> 1024 </CPU>
                  <Unit>
                     10.0.0.1 : 9000 ,  10.0.0.1:9001
                  </Unit>
                </User><User><Name>ddd</Name><Pwd>secret-ddd</Pwd><Memory>64m</Memory><CPU>2</CPU><Unit/></User>
                <User><Name>eee</Name><Pwd>secret-eee</Pwd><Memory>64m</Memory><CPU>2</CPU></User></Users>""");

        assertThat(users).extracting(User::name).containsExactly("ccc", "ddd", "eee");
        assertThat(users.get(0).password()).isEqualTo("secret-ccc");
        assertThat(users.get(0).memory().text()).isEqualTo("64m");
        assertThat(users.get(0).units()).containsExactly(new Endpoint("10.0.0.1", 9000), new Endpoint("10.0.0.1", 9001));
        assertThat(users.get(0).alias()).isNull();
        assertThat(users.get(0).home()).isNull();
        assertThat(users.get(1).units()).isEmpty();
        assertThat(users.get(2).units()).isEmpty();
        assertThat(users.get(2).unitLine()).isEqualTo(users.get(2).line());
    }

    @Test
    void writesWhatItReads() {
        List<User> users = DockerUserXml.parse(GUIDE);

        String written = DockerUserXml.write(users);

        assertThat(written).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Users>\n    <User>\n"
                + "        <Name>aaa</Name>\n        <Alias>张三</Alias>\n");
        assertThat(written).contains("        <Unit>192.168.0.77:8282,192.168.0.77:8283</Unit>\n    </User>\n</Users>\n");
        assertThat(DockerUserXml.parse(written)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line",
                "unitLine").isEqualTo(users);
    }

    @Test
    void escapesWhatXmlReserves() {
        User odd = new User(0, "odd", "<A & \"B\">", "PBKDF2WithHmacSHA256:50000:c2FsdA==:aGFzaA==",
                MemorySize.parse("1g"), 1024, "/homes/odd", 0, List.of());

        User back = DockerUserXml.parse(DockerUserXml.write(List.of(odd))).get(0);

        assertThat(back.alias()).isEqualTo("<A & \"B\">");
        assertThat(back.passwordIsHash()).isTrue();
    }

    @Test
    void recognisesStoredHashes() {
        assertThat(DockerUserXml.isStoredHash("PBKDF2WithHmacSHA256:50000:q2Ew0zK5sWw0dXK1eSx2vA==:Zm9v+/8=")).isTrue();
        assertThat(DockerUserXml.isStoredHash("123456")).isFalse();
        assertThat(DockerUserXml.isStoredHash("PBKDF2WithHmacSHA256:50000:only-three")).isFalse();
    }

    @Test
    void listsEveryProblemWithItsLine() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Users>
                  <User>
                    <Alias>nobody</Alias>
                    <Pwd>secret-xx</Pwd><Memory>500m</Memory><CPU>512</CPU>
                  </User>
                  <User>
                    <Name>fff</Name>
                    <Pwd>secret-ff</Pwd>
                    <Memory>4m</Memory>
                    <CPU>lots</CPU>
                    <Unit>192.168.0.76:8281, 192.168.0.300:80,192.168.0.76,10.0.0.1:0,10.0.0.1:70000,,h:1</Unit>
                  </User>
                  <User>
                    <Name>ggg</Name><Pwd>secret-gg</Pwd><Memory>lots</Memory><CPU>1</CPU>
                    <Memroy>500m</Memroy>
                  </User>
                  <User><Name>bad name</Name><Memory>500m</Memory><CPU>262145</CPU></User>
                  <Extra/>
                </Users>
                """;

        assertThatThrownBy(() -> DockerUserXml.parse(xml))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> {
                    assertThat(e.problem()).isEqualTo(BerthException.Problem.INVALID);
                    assertThat(e.getMessage()).contains("docker_user.xml was not imported", "nothing was written");
                    assertThat(e.problems()).containsExactly(
                            "line 3: <User> has no <Name>; every user needs a login name",
                            "line 10: user fff: memory '4m' is below Docker's minimum of 6m (6 MiB)",
                            "line 11: CPU 'lots' of user fff is not a number; give CPU shares such as 512",
                            "line 12: unit of user fff: ip 192.168.0.300 of '192.168.0.300:80' is no IPv4 address"
                                    + " (300 > 255)",
                            "line 12: unit of user fff: '192.168.0.76' is no ip:port (no ':'); write it as"
                                    + " 192.168.0.76:8281",
                            "line 12: unit of user fff: port 0 of '10.0.0.1:0' is outside 1..65535",
                            "line 12: unit of user fff: port 70000 of '10.0.0.1:70000' is outside 1..65535",
                            "line 12: <Unit> of user fff has an empty entry between commas; write ip:port,ip:port",
                            "line 15: user ggg: memory 'lots' is not a size: use a number with an optional unit b, k,"
                                    + " m or g, such as 500m or 2g",
                            "line 15: CPU 1 of user ggg is outside what Docker accepts (2..262144); 1024 is one full"
                                    + " share",
                            "line 16: unknown element <Memroy> in <User>; expected Name, Alias, Pwd, Memory, CPU,"
                                    + " Home or Unit",
                            "line 18: name 'bad name' is not a valid login name: use 1 to 64 letters, digits, '.', '_'"
                                    + " or '-', starting with a letter or digit",
                            "line 18: user bad name has no <Pwd>; give a password",
                            "line 18: CPU 262145 of user bad name is outside what Docker accepts (2..262144); 1024 is"
                                    + " one full share",
                            "line 19: unknown element <Extra> in <Users>; expected <User>");
                });
    }

    @Test
    void refusesTheSameUserOrUnitTwice() {
        String xml = """
                <Users>
                  <User><Name>hhh</Name><Pwd>secret-hh</Pwd><Memory>64m</Memory><CPU>512</CPU>
                        <Unit>10.0.0.1:9000</Unit></User>
                  <User><Name>iii</Name><Pwd>secret-ii</Pwd><Memory>64m</Memory><CPU>512</CPU>
                        <Unit>10.0.0.2:9000,10.0.0.1:9000</Unit></User>
                  <User><Name>hhh</Name><Pwd>secret-hh</Pwd><Memory>64m</Memory><CPU>512</CPU></User>
                </Users>
                """;

        assertThatThrownBy(() -> DockerUserXml.parse(xml))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 5: unit 10.0.0.1:9000 is listed twice (also on line 3); an ip:port is one container of"
                                + " one user",
                        "line 6: user hhh appears twice (also on line 2); keep one"));
    }

    @Test
    void refusesWhatIsNoDockerUserFile() {
        assertThatThrownBy(() -> DockerUserXml.parse("<Config><Server>1.2.3.4:9001</Server></Config>"))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 1: the root element is <Config>; a docker_user.xml has <Users> with one <User> per"
                                + " user"));
        assertThatThrownBy(() -> DockerUserXml.parse("  "))
                .isInstanceOfSatisfying(ImportRefusedException.class,
                        e -> assertThat(e.problems()).containsExactly("line 1: the file is empty"));
    }

    @Test
    void refusesXmlThatIsNotWellFormedWithItsLine() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Users>
                  <User>
                    <Name>aaa</Nme>
                  </User>
                </Users>
                """;

        assertThatThrownBy(() -> DockerUserXml.parse(xml))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("line 4: not well-formed XML: "));
    }

    @Test
    void refusesTheGuidesDeclarationAsPrintedWithItsLine() {
        // the printed guide shows version=_"1.0"_ (an artefact of its typesetting): no XML parser reads that
        assertThatThrownBy(() -> DockerUserXml.parse(GUIDE.replace("\"1.0\"", "_\"1.0\"_")))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("line 1: not well-formed XML"));
    }

    @Test
    void refusesDoctypesAndEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Users [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Users><User><Name>&secret;</Name></User></Users>
                """;

        assertThatThrownBy(() -> DockerUserXml.parse(xxe))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("line 2: "));
    }
}
