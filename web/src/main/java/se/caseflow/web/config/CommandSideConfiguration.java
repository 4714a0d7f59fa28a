package se.caseflow.web.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import se.caseflow.domain.gate.CaseLocks;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.idempotency.IdempotencyStore;
import se.caseflow.domain.json.Json;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.validation.CommandSchemas;

/**
 * The command side: clock, schemas, the gates and the worker pool commands run on. The staff gate (HTTP API,
 * forms, Kafka) knows {@code schemas/commands/}; the partner gate, qualified {@value #PARTNER_GATE}, knows only
 * {@code schemas/partner-commands/} and is for the partner channel alone, which sets {@code partnerId} from the
 * signed-in partner; the internal gate, qualified {@value #INTERNAL_GATE}, knows {@code schemas/internal-commands/}
 * and the staff commands caseflow sends itself ({@code SendSms}), and is for what caseflow sends itself (the sagas and
 * their procedures, through {@link InternalCommands}; the Twilio webhooks), never for a channel from outside. Each gate has its own idempotency-key namespace ({@code staff},
 * {@code partner}, {@code internal}): a key a staff client sends can never be the key of a Twilio webhook.
 */
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    static final String PARTNER_GATE = GateNames.PARTNER;

    static final String INTERNAL_GATE = GateNames.INTERNAL;

    /** Four saga processors and db-scheduler's four deadline threads may each wait on one internal command. */
    static final int INTERNAL_COMMAND_THREADS = 8;

    /** How long a saga waits for the internal gate before it takes the outcome as unclear. */
    static final Duration INTERNAL_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** Nesting deeper than any command schema allows is refused while parsing, before validation. */
    static final int MAX_JSON_NESTING = 32;

    /**
     * The web's JSON mapper: caseflow's settings with Boot's on top (RFC 9457 support). Declared here because
     * Axon's auto-configuration would otherwise supply its own plain mapper to WebFlux.
     */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        ObjectMapper mapper = Json.derive();
        builder.configure(mapper);
        return mapper;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CommandSchemas commandSchemas(Clock clock) {
        return new CommandSchemas(clock);
    }

    @Bean
    ApplicantProtector applicantProtector(PersonalDataVault vault, Clock clock) {
        return new ApplicantProtector(vault, clock);
    }

    /** Parses command bodies: strict and bounded (the Kafka channel parses with the same settings). */
    @Bean
    @Qualifier("commandJson")
    ObjectMapper commandJson(CaseflowProperties properties) {
        return Json.strictParser(MAX_JSON_NESTING, properties.maxCommandBytes());
    }

    /** What every command gate is built from besides its schemas. */
    @Bean
    GateParts gateParts(
            CommandGateway commandGateway,
            IdempotencyStore idempotencyStore,
            PlatformTransactionManager transactionManager,
            @Qualifier("commandJson") ObjectMapper commandJson,
            Clock clock,
            CaseflowProperties properties) {
        return new GateParts(
                commandGateway,
                idempotencyStore,
                new TransactionTemplate(transactionManager),
                commandJson,
                clock,
                properties.idempotency().retention(),
                new CaseLocks());
    }

    /** The staff gate: the one every {@code CommandGate} injection point without a qualifier gets. */
    @Bean
    @Primary
    CommandGate commandGate(CommandSchemas schemas, GateParts parts) {
        return parts.gate("staff", schemas);
    }

    /** The partner channel's gate: PlaceBid, ReviseBid, WithdrawBid, and nothing else. */
    @Bean(PARTNER_GATE)
    @Qualifier(PARTNER_GATE)
    CommandGate partnerCommandGate(GateParts parts, Clock clock) {
        return parts.gate("partner", new CommandSchemas(clock, CommandSchemas.PARTNER_COMMANDS));
    }

    /**
     * The internal gate: the commands of the sagas and the Twilio webhooks ({@code StartSmsSend},
     * {@code ReserveCreditCheck}, {@code OpenBidding}, {@code RecordSmsStatus}, {@code ReceiveSms}, ...), validated
     * and keyed like every other command; no channel from outside reaches it.
     */
    @Bean(INTERNAL_GATE)
    @Qualifier(INTERNAL_GATE)
    CommandGate internalCommandGate(GateParts parts, Clock clock) {
        return parts.gate("internal", CommandSchemas.forInternalGate(clock));
    }

    /**
     * The one way the sagas, their procedures and deadline handlers send commands: in front of the internal gate,
     * on threads of its own (one for each saga processor and deadline thread that may wait on it).
     */
    @Bean(destroyMethod = "close")
    InternalCommands internalCommands(@Qualifier(INTERNAL_GATE) CommandGate internalCommandGate) {
        return new InternalCommands(internalCommandGate, INTERNAL_COMMAND_THREADS, INTERNAL_COMMAND_TIMEOUT);
    }

    record GateParts(
            CommandGateway commandGateway,
            IdempotencyStore idempotencyStore,
            TransactionTemplate transactions,
            ObjectMapper commandJson,
            Clock clock,
            Duration keyRetention,
            CaseLocks caseLocks) {

        CommandGate gate(String keyNamespace, CommandSchemas schemas) {
            return new CommandGate(
                    schemas,
                    commandGateway,
                    idempotencyStore,
                    keyNamespace,
                    transactions,
                    commandJson,
                    clock,
                    keyRetention,
                    caseLocks);
        }
    }

    /** Bounded pool for command work: JDBC never runs on a Netty event-loop thread. */
    @Bean(destroyMethod = "dispose")
    @Qualifier("commandScheduler")
    Scheduler commandScheduler(CaseflowProperties properties) {
        return Schedulers.newBoundedElastic(properties.commandThreads(), 10_000, "command-worker", 60, true);
    }
}
