package dev.berth.drift.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One difference between a host and what Berth keeps.
 *
 * @param id        stable while the difference lasts: a digest of host, kind, unit, container, port and rule, so an
 *                  id read from a list names the same finding in a repair request a moment later
 * @param host      the host
 * @param kind      what kind of difference
 * @param unit      the unit concerned; null when none (an orphan without unit label)
 * @param container the container concerned (Docker's id); null when none
 * @param port      the port concerned; null when none
 * @param detail    what was found, for a person
 * @param repair    what the repair would do; null when only an operator can fix it
 * @param noRepair  why there is no repair; null when there is one
 * @param remedy    the repair's kind
 * @param natRule   the nat rule concerned, as {@code iptables-save -t nat} writes it; null when none
 * @param closePort the port whose firewall rules go with a removed container; null to leave them
 */
// every field shown, null ones too: "repair": null says that only an operator can fix it
@JsonbNillable
public record Finding(String id, String host, DriftKind kind, Long unit, String container, Integer port,
                      String detail, String repair, String noRepair, Remedy remedy, String natRule,
                      Integer closePort) {

    public Finding {
        Objects.requireNonNull(host);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(remedy);
    }

    /** A finding with its repair. */
    public static Finding repairable(String host, DriftKind kind, Long unit, String container, Integer port,
                                     String detail, Remedy remedy, String repair, String natRule,
                                     Integer closePort) {
        return new Finding(idOf(host, kind, unit, container, port, natRule), host, kind, unit, container, port,
                detail, repair, null, remedy, natRule, closePort);
    }

    /** A finding only an operator can fix, and why. */
    public static Finding manual(String host, DriftKind kind, Long unit, String container, Integer port,
                                 String detail, String noRepair) {
        return new Finding(idOf(host, kind, unit, container, port, null), host, kind, unit, container, port, detail,
                null, noRepair, Remedy.NONE, null, null);
    }

    static String idOf(String host, DriftKind kind, Long unit, String container, Integer port, String natRule) {
        String text = String.join("\0", host, kind.name(), String.valueOf(unit), String.valueOf(container),
                String.valueOf(port), String.valueOf(natRule));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
