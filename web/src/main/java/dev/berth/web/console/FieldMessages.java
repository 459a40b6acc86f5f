package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a boundary's refusal next to the field it is about. Berth's messages name their field first ("memory 'lots'
 * is not a size ...", "cpuShares 1 is outside ..."), and a refusal of several fields joins them with "; ": each part
 * goes to the first field whose name it starts with, the rest to the top of the page. The request is marked as
 * failed validation, so that a dialog stays open.
 */
final class FieldMessages {

    private FieldMessages() {
    }

    /**
     * @param fields each beginning of a message, in the order to try, with the client id of its field
     */
    static void show(FacesContext faces, BerthException refusal, Map<String, String> fields) {
        for (String part : refusal.getMessage().split("; ")) {
            String field = fields.entrySet().stream().filter(f -> startsWithName(part, f.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            // a field's p:message shows the detail; the growl shows the summary of the others
            faces.addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, part, field == null ? "" : part));
        }
        faces.validationFailed();
    }

    /** Whether {@code part} begins with {@code name} as a word: "memory 'x'" begins with memory, "memoryX" not. */
    static boolean startsWithName(String part, String name) {
        return part.startsWith(name) && (part.length() == name.length()
                || !Character.isLetterOrDigit(name.charAt(name.length() - 1))
                || !Character.isLetterOrDigit(part.charAt(name.length())));
    }

    /** Message beginnings and their fields, as pairs, kept in the order given (the first match wins). */
    static Map<String, String> ordered(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A message at the top of the page. */
    static void error(FacesContext faces, String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, ""));
        faces.validationFailed();
    }

    static void info(FacesContext faces, String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, ""));
    }
}
