package dev.berth.cli.output;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Rows under headers, each column as wide as its widest cell, two spaces apart; an empty value shows as {@code -}. */
public final class Table {

    /** A column: its header and how a JSON object gives its cell. */
    public record Column(String header, Function<JsonObject, String> cell) {

        /** The value of one field, as {@link #text(JsonValue)} shows it. */
        public static Column of(String header, String field) {
            return new Column(header, o -> text(o.get(field)));
        }
    }

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** A table of the objects of {@code array}, one row each. */
    public static Table of(JsonArray array, List<Column> columns) {
        Table table = new Table(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonValue value : array) {
            JsonObject object = value.asJsonObject();
            table.row(columns.stream().map(c -> c.cell().apply(object)).toArray(String[]::new));
        }
        return table;
    }

    /** One field a line: name and value, in the object's order. */
    public static Table fields(JsonObject object) {
        Table table = new Table();
        object.forEach((name, value) -> table.row(name, text(value)));
        return table;
    }

    public Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    /** How a JSON value reads in a cell: strings bare, null as {@code -}, arrays comma-separated. */
    public static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        if (value instanceof JsonString s) {
            return s.getString().isEmpty() ? "-" : s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        if (value instanceof JsonArray a) {
            return a.isEmpty() ? "-" : a.stream().map(Table::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    /** The lines, without trailing blanks; headers (when any) first. */
    public List<String> lines() {
        List<List<String>> all = new ArrayList<>();
        if (!headers.isEmpty()) {
            all.add(headers);
        }
        all.addAll(rows);
        int columns = all.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(oneLine(row.get(i))));
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = oneLine(row.get(i));
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    @Override
    public String toString() {
        return lines().stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String oneLine(String cell) {
        return cell == null ? "-" : cell.replace("\r", "").replace('\n', ' ').replace('\t', ' ');
    }

    /** Columns a text takes on a terminal: East Asian wide and full-width characters take two. */
    static int width(String text) {
        return text.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
