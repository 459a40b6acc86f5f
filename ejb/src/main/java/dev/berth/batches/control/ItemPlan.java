package dev.berth.batches.control;

import dev.berth.users.control.PasswordHashing;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * One item read from a batch, ready to be kept: what it names and why it fails whatever Berth's state, if it does. A
 * user's password is taken out of the body here; only its hash is kept. A producer that holds hashes rather than
 * passwords (an export of another Berth, an identity system) sends {@code passwordHash} instead: taken as it is, it
 * spares Berth the PBKDF2 work, some 45 ms a user.
 *
 * @param password the clear password of a user.upsert, to be hashed before the item is kept; never stored
 * @param givenHash the {@code passwordHash} a user.upsert came with instead of a password; null if none
 * @param refusal  why the item fails (an unknown op, a missing field); null when it can be tried
 */
public record ItemPlan(String key, String op, JsonObject body, String password, String givenHash, String unitKey,
                       String userName, String hostName, String refusal) {

    public static final Set<String> OPS = Set.of("user.upsert", "unit.ensure", "unit.start", "unit.stop",
            "unit.delete", "user.disable", "user.delete", BatchRequest.IMPORT);
    static final List<String> UNIT_OPS = List.of("unit.start", "unit.stop", "unit.delete");

    public static ItemPlan of(JsonObject item) {
        String key = item.getString("key");
        String op = text(item, "op");
        if (op == null || !OPS.contains(op)) {
            return refused(key, op == null ? "?" : op, item, "op " + (op == null ? "is missing" : "'" + op
                    + "' is unknown") + ": use user.upsert, unit.ensure, unit.start, unit.stop, unit.delete,"
                    + " user.disable or user.delete");
        }
        switch (op) {
            case "user.upsert": {
                if (!(item.get("user") instanceof JsonObject user)) {
                    return refused(key, op, item, "user.upsert needs \"user\": {\"name\",\"password\",\"memory\","
                            + "\"cpuShares\",...} as for POST /api/users");
                }
                String name = text(user, "name");
                String password = text(user, "password");
                String hash = text(user, "passwordHash");
                JsonObject body = Json.createObjectBuilder(item).add("user", Json.createObjectBuilder(user)
                        .remove("password").remove("passwordHash")).build();
                if (hash != null) {
                    String refusal = password != null ? "send either \"password\" or \"passwordHash\", not both"
                            : PasswordHashing.refusalOfGivenHash("passwordHash", hash);
                    return new ItemPlan(key, op, body, null, refusal == null ? hash : null, null, name, null, refusal);
                }
                return new ItemPlan(key, op, body, password, null, null, name, null, null);
            }
            case "unit.ensure": {
                if (!(item.get("unit") instanceof JsonObject unit)) {
                    return refused(key, op, item, "unit.ensure needs \"unit\": {\"user\",\"host\",\"port\","
                            + "\"image\"?}");
                }
                return unitItem(key, op, item, unit);
            }
            case "user.disable", "user.delete": {
                String name = text(item, "name");
                return name == null ? refused(key, op, item, op + " needs \"name\": the user's login name")
                        : new ItemPlan(key, op, item, null, null, null, name, null, null);
            }
            case BatchRequest.IMPORT:
                return new ItemPlan(key, op, item, null, null, null, null, null, null);
            default:
                return unitItem(key, op, item, item);
        }
    }

    private static ItemPlan unitItem(String key, String op, JsonObject item, JsonObject unit) {
        String user = text(unit, "user");
        String host = text(unit, "host");
        Integer port = unit.get("port") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : null;
        if (user == null || host == null || port == null) {
            return refused(key, op, item, op + " needs \"user\", \"host\" and \"port\" (a number)");
        }
        return new ItemPlan(key, op, item, null, null, host + ":" + port, user, host, null);
    }

    private static ItemPlan refused(String key, String op, JsonObject item, String why) {
        return new ItemPlan(key, op.length() > 32 ? op.substring(0, 32) : op, item, null, null, null, null, null,
                why);
    }

    static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }
}
