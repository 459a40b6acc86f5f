package dev.berth.web.audit;

import dev.berth.audit.boundary.AuditQuery;
import dev.berth.audit.boundary.AuditRecords;
import dev.berth.audit.entity.AuditRecord;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit trail as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break in
 * double quotes, quotes doubled), newest first, for {@code GET /api/audit.csv} and the console's export alike. A field
 * that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @} first) gets a leading
 * {@code '}: audit details carry text that users chose.
 */
public final class AuditCsv {

    static final String HEADER = "id,time,actor,action,target,user,unit,outcome,detail";
    /** Records read per boundary call while writing. */
    static final int BATCH = 500;

    private AuditCsv() {
    }

    /** Writes every record {@code query} finds, in batches, each newer than none already written. */
    public static void write(AuditRecords records, AuditQuery query, Actor actor, Writer out) throws IOException {
        out.write(HEADER + "\r\n");
        Long before = null;
        while (true) {
            List<AuditRecord> batch = records.olderThan(query, before, BATCH, actor);
            for (AuditRecord a : batch) {
                out.write(line(a));
            }
            if (batch.size() < BATCH) {
                break;
            }
            before = batch.get(batch.size() - 1).getId();
        }
        out.flush();
    }

    static String line(AuditRecord a) {
        return String.join(",", a.getId().toString(), a.getAt().toString(), field(a.getActor()),
                field(a.getAction()), field(a.getTarget()), field(a.getUserName()),
                a.getUnitId() == null ? "" : a.getUnitId().toString(), field(a.getOutcome()), field(a.getDetail()))
                + "\r\n";
    }

    /** One field, quoted when it has to be. */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A time filter as given: an instant ({@code 2026-11-29T10:00:00Z}) or a day ({@code 2026-11-29}, its start in
     * UTC); null or blank: none.
     *
     * @throws BerthException (invalid) naming the parameter
     */
    public static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String given = text.trim();
        try {
            return given.length() == 10 ? LocalDate.parse(given).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(given);
        } catch (DateTimeParseException e) {
            throw BerthException.invalid(name + " '" + text + "' is no time: give an instant such as"
                    + " 2026-11-29T10:00:00Z or a day such as 2026-11-29 (UTC)");
        }
    }
}
