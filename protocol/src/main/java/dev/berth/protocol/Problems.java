package dev.berth.protocol;

import java.util.ArrayList;
import java.util.List;

/** What is wrong with a message being made, collected so that one refusal names every problem. */
final class Problems {

    private final String what;
    private final List<String> found = new ArrayList<>();

    /** @param what the kind of message, e.g. {@code START}, which starts the refusal's text */
    Problems(String what) {
        this.what = what;
    }

    Problems add(String problem) {
        found.add(problem);
        return this;
    }

    Problems addAll(List<String> problems) {
        found.addAll(problems);
        return this;
    }

    /** Adds {@code problem} unless {@code ok}. */
    Problems check(boolean ok, String problem) {
        return ok ? this : add(problem);
    }

    Problems commandId(String commandId) {
        return check(commandId != null && !commandId.isBlank(), "commandId is missing");
    }

    Problems unitId(long unitId) {
        return check(unitId > 0, "unitId is missing");
    }

    Problems user(String user) {
        return check(user != null && !user.isBlank(), "user is missing");
    }

    /** @throws MalformedMessageException naming every problem added, if any */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new MalformedMessageException(what + ": " + String.join("; ", found));
        }
    }
}
