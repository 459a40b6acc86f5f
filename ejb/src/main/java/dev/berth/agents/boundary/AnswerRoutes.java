package dev.berth.agents.boundary;

import dev.berth.protocol.CommandType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at deployment that every kind of command has exactly one component taking in its answers and its expiry. A
 * kind without one would leave its commands PENDING for ever; two would change state twice. Either fails the
 * deployment with the kinds concerned, so a new {@link CommandType} cannot be forgotten.
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
            if (answers != 1 || silences != 1) {
                wrong.add(type + " (" + answers + " observer(s) of its answers, " + silences + " of its expiry)");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("every kind of command needs exactly one component that takes in its"
                    + " answers (@Observes @CommandKind(...) CommandAnswered) and its expiry (CommandUnanswered): "
                    + String.join(", ", wrong));
        }
    }
}
