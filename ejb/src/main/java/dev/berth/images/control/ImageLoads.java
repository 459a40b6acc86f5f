package dev.berth.images.control;

import dev.berth.agents.boundary.CommandAnswered;
import dev.berth.agents.boundary.CommandKind;
import dev.berth.agents.boundary.CommandUnanswered;
import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.entity.Command;
import dev.berth.images.entity.HostLoad;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Takes in an agent's answer to a LOAD_IMAGE command, or its absence, as the agents component routes them; joins the
 * caller's transaction.
 */
@Dependent
public class ImageLoads {

    @Inject
    AuditTrail audit;

    /** Finishes the command with what the agent loaded or why it could not; a second answer is only noted. */
    void answered(@Observes @CommandKind(CommandType.LOAD_IMAGE) CommandAnswered answer) {
        Command command = answer.command();
        AgentResult result = answer.result();
        Actor agent = answer.agent();
        String upload = "upload " + command.getUploadId();
        if (!command.awaitsAnswer()) {
            audit.host(agent, "command.duplicate", command.getHostName(), Outcome.SUCCEEDED,
                    "command " + command.getId() + " (" + upload + ") answered again (" + result.outcome()
                            + "); first answer kept");
            return;
        }
        List<String> images = result.images() == null ? List.of() : result.images();
        if (result.outcome() == dev.berth.protocol.Outcome.SUCCEEDED) {
            command.succeeded(String.join(HostLoad.SEPARATOR, images));
            audit.host(agent, "image.load", command.getHostName(), Outcome.SUCCEEDED,
                    upload + ", command " + command.getId() + ": loaded " + String.join(", ", images));
        } else {
            command.failed(result.error());
            audit.host(agent, "image.load", command.getHostName(), Outcome.FAILED,
                    upload + ", command " + command.getId() + ": " + result.error());
        }
    }

    /** A load not answered in time is EXPIRED, with the reason. */
    void unanswered(@Observes @CommandKind(CommandType.LOAD_IMAGE) CommandUnanswered silence) {
        Command command = silence.command();
        String reason = silence.reason();
        command.expired(reason);
        audit.host(Actor.SYSTEM, "image.load", command.getHostName(), Outcome.FAILED,
                "upload " + command.getUploadId() + ", command " + command.getId() + ": " + reason);
    }
}
