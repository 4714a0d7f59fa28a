package se.caseflow.domain.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.support.TransactionOperations;
import se.caseflow.domain.validation.CommandSchemas;

/**
 * The real internal gate and {@link InternalCommands} in front of a test's {@link CommandGateway} (a saga fixture's
 * recording one): schemas, keys and the collision retry as in the application; keys in memory, no transaction.
 */
public final class InternalGateForTests {

    private InternalGateForTests() {}

    public static InternalCommands around(CommandGateway gateway) {
        Clock clock = Clock.systemUTC();
        CommandGate gate = new CommandGate(
                CommandSchemas.forInternalGate(clock),
                gateway,
                new MemoryIdempotencyStore(),
                "internal",
                TransactionOperations.withoutTransaction(),
                new ObjectMapper(),
                clock,
                Duration.ofHours(24),
                new CaseLocks());
        return new InternalCommands(gate, 1, Duration.ofSeconds(10));
    }
}
