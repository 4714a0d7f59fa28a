package se.caseflow.domain.sms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;

/**
 * {@link CommittedCommands} through the {@link CommandGate}, on a thread of its own: there no unit of
 * work and no transaction of the caller is bound, so the gate's transaction is a new one and has
 * committed when {@link #submit} returns.
 */
public class GateCommittedCommands implements CommittedCommands {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final CommandGate gate;
    private final Executor executor;
    private final String channel;

    public GateCommittedCommands(CommandGate gate, Executor executor, String channel) {
        this.gate = gate;
        this.executor = executor;
        this.channel = channel;
    }

    @Override
    public void submit(Object command) {
        CommandRequest request =
                new CommandRequest(command.getClass().getSimpleName(), JSON.valueToTree(command), null, channel);
        CommandOutcome outcome;
        try {
            outcome = CompletableFuture.supplyAsync(() -> gate.submit(request), executor)
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (outcome instanceof CommandOutcome.Refused refused) {
            throw new CaseRuleViolation(refused.code(), refused.message());
        }
        if (!(outcome instanceof CommandOutcome.Accepted)) {
            throw new IllegalStateException("The gate did not accept " + request.type() + ": " + outcome);
        }
    }
}
