package dev.berth.legacy.control;

import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.Problems;
import dev.berth.configs.control.XmlTree;
import dev.berth.configs.control.XmlTree.Element;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.boundary.Users;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's {@code docker_user.xml}: {@code <Users><User><Name/><Alias/><Pwd/><Memory/><CPU/><Home/><Unit/></User>}.
 * Values are checked as the REST API checks them (login name, {@link MemorySize}, CPU shares); what depends on Berth's
 * policy or state (password length, homes, hosts, ports) is checked by the import.
 */
public final class DockerUserXml {

    public static final String FILE = "docker_user.xml";

    private static final Set<String> FIELDS = Set.of("Name", "Alias", "Pwd", "Memory", "CPU", "Home", "Unit");

    /**
     * One {@code <User>}.
     *
     * @param line     the line of its {@code <User>} tag (0 when not read from a file)
     * @param alias    display name, any Unicode; null when absent
     * @param password clear text, or a stored hash ({@link #passwordIsHash()})
     * @param home     the host directory; null when absent (Berth's default home)
     * @param unitLine the line of its {@code <Unit>} tag (its own line when absent)
     * @param units    the {@code ip:port} of each unit, in the file's order; empty when none
     */
    public record User(int line, String name, String alias, String password, MemorySize memory, int cpuShares,
                       String home, int unitLine, List<Endpoint> units) {

        public User {
            units = List.copyOf(units);
        }

        public boolean passwordIsHash() {
            return isStoredHash(password);
        }
    }

    private DockerUserXml() {
    }

    public static boolean isStoredHash(String password) {
        return password != null && PasswordHashing.STORED_HASH.matcher(password).matches();
    }

    /**
     * Reads a whole file.
     *
     * @throws ImportRefusedException with every problem of the file, each with its line
     */
    public static List<User> parse(String xml) {
        Problems problems = new Problems(FILE);
        List<User> users = new ArrayList<>();
        Optional<Element> read = XmlTree.read(xml, problems);
        if (read.isPresent()) {
            Element root = read.get();
            if (!root.name().equals("Users")) {
                problems.add(root.line(), "the root element is <" + root.name() + ">; a " + FILE
                        + " has <Users> with one <User> per user");
            } else {
                Map<String, Integer> names = new HashMap<>();
                Map<Endpoint, Integer> endpoints = new HashMap<>();
                for (Element child : root.children()) {
                    if (!child.name().equals("User")) {
                        problems.add(child.line(), "unknown element <" + child.name() + "> in <Users>; expected <User>");
                        continue;
                    }
                    user(child, problems).ifPresent(user -> {
                        Integer before = names.putIfAbsent(user.name(), user.line());
                        if (before != null) {
                            problems.add(user.line(), "user " + user.name() + " appears twice (also on line " + before
                                    + "); keep one");
                        }
                        for (Endpoint unit : user.units()) {
                            Integer listed = endpoints.putIfAbsent(unit, user.unitLine());
                            if (listed != null) {
                                problems.add(user.unitLine(), "unit " + unit + " is listed twice (also on line "
                                        + listed + "); an ip:port is one container of one user");
                            }
                        }
                        users.add(user);
                    });
                }
            }
        }
        ImportRefusedException.throwIfAny(problems);
        return users;
    }

    private static Optional<User> user(Element element, Problems problems) {
        Map<String, Element> fields = new HashMap<>();
        for (Element child : element.children()) {
            if (!FIELDS.contains(child.name())) {
                problems.add(child.line(), "unknown element <" + child.name() + "> in <User>; expected Name, Alias,"
                        + " Pwd, Memory, CPU, Home or Unit");
            } else if (fields.putIfAbsent(child.name(), child) != null) {
                problems.add(child.line(), "<" + child.name() + "> appears twice in the <User> of line "
                        + element.line() + "; keep one");
            }
        }
        boolean valid = true;
        String name = text(fields, "Name");
        if (name.isEmpty()) {
            problems.add(element.line(), "<User> has no <Name>; every user needs a login name");
            valid = false;
        } else if (!Users.NAME.matcher(name).matches()) {
            problems.add(line(fields, "Name", element), "name '" + name + "' is not a valid login name: use 1 to 64"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
            valid = false;
        }
        String who = name.isEmpty() ? "the user of line " + element.line() : "user " + name;
        String alias = text(fields, "Alias");
        String password = text(fields, "Pwd");
        if (password.isEmpty()) {
            problems.add(line(fields, "Pwd", element), who + " has no <Pwd>; give a password");
            valid = false;
        }
        MemorySize memory = null;
        try {
            memory = MemorySize.parse(text(fields, "Memory"));
        } catch (BerthException e) {
            problems.add(line(fields, "Memory", element), who + ": " + e.getMessage());
            valid = false;
        }
        int cpu = 0;
        String cpuText = text(fields, "CPU");
        if (cpuText.isEmpty()) {
            problems.add(line(fields, "CPU", element), who + " has no <CPU>; give CPU shares such as 512");
            valid = false;
        } else if (!cpuText.matches("\\d{1,9}")) {
            problems.add(line(fields, "CPU", element), "CPU '" + cpuText + "' of " + who
                    + " is not a number; give CPU shares such as 512");
            valid = false;
        } else {
            cpu = Integer.parseInt(cpuText);
            if (cpu < AppUser.MIN_CPU_SHARES || cpu > AppUser.MAX_CPU_SHARES) {
                problems.add(line(fields, "CPU", element), "CPU " + cpu + " of " + who + " is outside what Docker"
                        + " accepts (" + AppUser.MIN_CPU_SHARES + ".." + AppUser.MAX_CPU_SHARES
                        + "); 1024 is one full share");
                valid = false;
            }
        }
        String home = text(fields, "Home");
        int unitLine = line(fields, "Unit", element);
        List<Endpoint> units = new ArrayList<>();
        String unitText = text(fields, "Unit");
        if (!unitText.isEmpty()) {
            for (String item : unitText.split(",", -1)) {
                if (item.isBlank()) {
                    problems.add(unitLine, "<Unit> of " + who + " has an empty entry between commas; write"
                            + " ip:port,ip:port");
                    valid = false;
                    continue;
                }
                try {
                    units.add(Endpoint.parse(item));
                } catch (IllegalArgumentException e) {
                    problems.add(unitLine, "unit of " + who + ": " + e.getMessage());
                    valid = false;
                }
            }
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new User(element.line(), name, alias.isEmpty() ? null : alias, password, memory, cpu,
                home.isEmpty() ? null : home, unitLine, units));
    }

    private static String text(Map<String, Element> fields, String name) {
        Element field = fields.get(name);
        return field == null ? "" : field.text();
    }

    private static int line(Map<String, Element> fields, String name, Element user) {
        Element field = fields.get(name);
        return field == null ? user.line() : field.line();
    }

    /** The file for {@code users}: UTF-8 declaration, four-space indent, {@code Unit} as a comma-separated list. */
    public static String write(List<User> users) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Users>\n");
        for (User user : users) {
            out.append("    <User>\n");
            field(out, "Name", user.name());
            if (user.alias() != null) {
                field(out, "Alias", user.alias());
            }
            field(out, "Pwd", user.password());
            field(out, "Memory", user.memory().text());
            field(out, "CPU", String.valueOf(user.cpuShares()));
            if (user.home() != null) {
                field(out, "Home", user.home());
            }
            field(out, "Unit", String.join(",", user.units().stream().map(Endpoint::toString).toList()));
            out.append("    </User>\n");
        }
        return out.append("</Users>\n").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("        <").append(name).append('>').append(XmlTree.escape(value)).append("</").append(name)
                .append(">\n");
    }
}
