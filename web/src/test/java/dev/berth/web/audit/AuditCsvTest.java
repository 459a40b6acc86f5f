package dev.berth.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void leavesPlainFieldsAsTheyAre() {
        assertThat(AuditCsv.field("unit.start")).isEqualTo("unit.start");
        assertThat(AuditCsv.field("张三")).isEqualTo("张三");
        assertThat(AuditCsv.field(null)).isEmpty();
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.field("one\ntwo")).isEqualTo("\"one\ntwo\"");
        assertThat(AuditCsv.field("one\rtwo")).isEqualTo("\"one\rtwo\"");
    }

    @Test
    void keepsASpreadsheetFromReadingAFieldAsAFormula() {
        assertThat(AuditCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.field("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.field("-1")).isEqualTo("'-1");
        assertThat(AuditCsv.field("@sum")).isEqualTo("'@sum");
    }

    @Test
    void readsInstantsAndDaysInUtc() {
        assertThat(AuditCsv.time("from", "2026-11-29")).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(AuditCsv.time("to", "2026-11-29T10:15:30Z")).isEqualTo(Instant.parse("2026-11-29T10:15:30Z"));
        assertThat(AuditCsv.time("from", " ")).isNull();
    }

    @Test
    void refusesATimeItCannotRead() {
        assertThatThrownBy(() -> AuditCsv.time("from", "29.11.2026"))
                .hasMessageStartingWith("from '29.11.2026' is no time");
    }
}
