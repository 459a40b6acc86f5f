package dev.berth.system;

/**
 * The admin guide's sample files, well-formed (the printed ones are not: {@code version=_"1.0"_}, a closing
 * {@code <Users>}), with this machine's names, addresses, ports and homes put in.
 */
final class GuideFiles {

    private GuideFiles() {
    }

    /**
     * docker_user.xml of section 2.5: users aaa (张三) and bbb (李四), 500m and 512 CPU shares each.
     *
     * @param aaaUnits the {@code Unit} list of the first user, e.g. {@code 127.0.0.1:8281}
     * @param bbbUnits the {@code Unit} list of the second user, e.g. {@code 127.0.0.1:8282, 127.0.0.1:8283}
     */
    static String dockerUsers(String aaa, String bbb, String password, String homes, String aaaUnits,
                              String bbbUnits) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Users>
                 <User>
                 <Name>%1$s</Name>
                 <Alias>张三</Alias>
                 <Pwd>%3$s</Pwd>
                 <Memory>500m</Memory>
                 <CPU>512</CPU>
                 <Home>%4$s/%1$s</Home>
                 <Unit>%5$s</Unit>
                 </User>
                 <User>
                 <Name>%2$s</Name>
                 <Alias>李四</Alias>
                 <Pwd>%3$s</Pwd>
                 <Memory>500m</Memory>
                 <CPU>512</CPU>
                 <Home>%4$s/%2$s</Home>
                 <Unit>%6$s</Unit>
                 </User>
                </Users>
                """.formatted(aaa, bbb, password, homes, aaaUnits, bbbUnits);
    }
}
