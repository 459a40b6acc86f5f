package dev.berth.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Look at this host as it is and answer with a {@link SurveyReport} on the message's reply-to queue; changes nothing.
 * The manager sends what it expects of the host, so that the agent can tell what it finds against it: each unit's
 * port (held by something else? a DNAT rule for it?) and the start the manager would send now (the config hash such a
 * start would give, computed by the code a start runs).
 *
 * @param commandId see {@link AgentCommand#commandId()}
 * @param units     every unit of the host, as the manager keeps it
 */
public record Survey(String commandId, List<ExpectedUnit> units) implements AgentCommand {

    public Survey {
        units = units == null ? List.of() : List.copyOf(units);
        new Problems("SURVEY").commandId(commandId).throwIfAny();
    }

    /** None: a survey concerns the host. */
    @Override
    public long unitId() {
        return 0;
    }

    @Override
    public CommandType kind() {
        return CommandType.SURVEY;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).survey(this);
    }
}
