package dev.berth.batches.control;

import dev.berth.batches.entity.Batch;
import dev.berth.platform.entity.BerthException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A batch as a producer sends it: its id and its items, each a JSON object with {@code key} and {@code op}. Only the
 * frame is checked here (a batch with a broken frame is refused whole); what an item names is checked when it is
 * applied, and a wrong one fails that item only.
 *
 * @param items each with a {@code key} unique in the batch and an {@code op}
 */
public record BatchRequest(String batch, List<JsonObject> items) {

    /** The op of a docker_user.xml sent as a batch: one item, applied as an import. */
    public static final String IMPORT = "users.import";
    public static final String IMPORT_KEY = "docker_user.xml";
    public static final int MAX_ITEMS = 10_000;

    public BatchRequest {
        Objects.requireNonNull(items, "items");
    }

    /** A docker_user.xml as a batch of one item. */
    public static BatchRequest ofDockerUserXml(String batch, String xml) {
        requireId(batch);
        if (xml == null || xml.isBlank()) {
            throw BerthException.invalid("the docker_user.xml is empty");
        }
        return new BatchRequest(batch, List.of(Json.createObjectBuilder().add("key", IMPORT_KEY).add("op", IMPORT)
                .add("xml", xml).build()));
    }

    /**
     * Reads the JSON of a batch.
     *
     * @throws BerthException (invalid) saying what is wrong with the frame
     */
    public static BatchRequest parse(String json) {
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json == null ? "" : json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw BerthException.invalid("the batch is no JSON object: " + e.getMessage());
        }
        return of(object);
    }

    /** The batch id a JSON text names, if it is a JSON object with one; null otherwise. */
    public static String idIn(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json == null ? "" : json))) {
            return reader.readObject().get("batch") instanceof JsonString s ? s.getString() : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** The batch in {@code object}; the same checks as {@link #parse}. */
    public static BatchRequest of(JsonObject object) {
        String id = object.get("batch") instanceof JsonString s ? s.getString() : null;
        requireId(id);
        if (!(object.get("items") instanceof jakarta.json.JsonArray array) || array.isEmpty()) {
            throw BerthException.invalid("batch " + id + " has no items: send \"items\":[{\"key\",\"op\",...}]");
        }
        if (array.size() > MAX_ITEMS) {
            throw BerthException.invalid("batch " + id + " has " + array.size() + " items; at most " + MAX_ITEMS);
        }
        List<JsonObject> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue value = array.get(i);
            if (!(value instanceof JsonObject item)) {
                throw BerthException.invalid("item " + (i + 1) + " of batch " + id + " is no JSON object");
            }
            String key = item.get("key") instanceof JsonString s ? s.getString() : null;
            if (key == null || key.isBlank() || key.length() > 128) {
                throw BerthException.invalid("item " + (i + 1) + " of batch " + id + " has no key (1 to 128"
                        + " characters, unique in the batch)");
            }
            if (!keys.add(key)) {
                throw BerthException.invalid("key '" + key + "' appears twice in batch " + id);
            }
            items.add(item);
        }
        return new BatchRequest(id, List.copyOf(items));
    }

    private static void requireId(String id) {
        if (id == null || !Batch.ID.matcher(id).matches()) {
            throw BerthException.invalid("the batch id " + (id == null ? "is missing" : "'" + id + "' is not valid")
                    + ": give \"batch\" as 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
    }
}
