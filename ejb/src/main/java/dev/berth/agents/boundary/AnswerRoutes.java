package dev.berth.agents.boundary;

import dev.berth.commands.entity.Command;
import dev.berth.protocol.CommandType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at deployment that every kind of command the manager keeps ({@link Command#KINDS}) has exactly one component
 * taking in its answers and its expiry, and the others (log requests, answered elsewhere) none. A kind without one
 * would leave its commands PENDING for ever; two would change state twice. Either fails the deployment with the kinds
 * concerned, so a new {@link CommandType} cannot be forgotten.
 */
@ApplicationScoped
public class AnswerRoutes {

    @Inject
    BeanManager beans;

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> wrong = new ArrayList<>();
        for (CommandType type : CommandType.values()) {
            CommandKind kind = CommandKind.Literal.of(type);
            int answers = beans.resolveObserverMethods(new CommandAnswered(null, null, null), kind).size();
            int silences = beans.resolveObserverMethods(new CommandUnanswered(null, null), kind).size();
            int expected = Command.KINDS.contains(type) ? 1 : 0;
            if (answers != expected || silences != expected) {
                wrong.add(type + " (" + answers + " observer(s) of its answers, " + silences + " of its expiry; "
                        + expected + " expected)");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("every kind of command the manager keeps (" + Command.KINDS + ") needs"
                    + " exactly one component that takes in its answers (@Observes @CommandKind(...) CommandAnswered)"
                    + " and its expiry (CommandUnanswered), the others none: " + String.join(", ", wrong));
        }
    }
}
