package se.caseflow.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.axon.AxonSerializationConfiguration;
import se.caseflow.axon.AxonStorageConfiguration;
import se.caseflow.domain.api.AcceptOffer;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.Address;
import se.caseflow.domain.api.ApplicantDetails;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseBidding;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.MarkDebtLetterReminderDue;
import se.caseflow.domain.api.MarkFollowUpDue;
import se.caseflow.domain.api.MarkSmsRead;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.PlaceBid;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ReceiveSms;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.RecordDebtLetterSigned;
import se.caseflow.domain.api.RecordPayout;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.RecordSmsStatus;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.ScheduleFollowUp;
import se.caseflow.domain.api.SendDebtLetter;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsDeliveryStatus;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.idempotency.SubjectCases;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * A case with a long history (identity and credit checks, bidding, the debt letter, SMS both ways, follow-ups and
 * sixty notes) decides the same on every command whether it is loaded from its events alone, from a snapshot of its
 * parts, or past a snapshot of an older shape (skipped): the parts' state and their link to the case survive the
 * snapshot. The aggregate is stored and loaded through what axon-config defines (its Jackson serializer, the case's
 * snapshot trigger, Axon's tables as Flyway makes them), which is why this test of a package-private aggregate lives
 * here, in the aggregate's package.
 */
class CaseRebuildTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e09";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final BiddingPolicy POLICY = new BiddingPolicy(Duration.ofHours(24), 2, Duration.ofDays(5), 3);
    private static final BidTerms TERMS =
            new BidTerms(150_000, new BigDecimal("6.90"), new BigDecimal("7.15"), 60, 296_300, "2026-12-31");
    private static final CreditReport REPORT = new CreditReport(new BigDecimal("1.5"), 150_000L, 504_000L, 0, 0, 1);
    private static final int NOTES = 60;

    private final MovableClock clock = new MovableClock(T0);
    private final TokenVault vault = new TokenVault();
    private final SimpleDeadlineManager deadlines = SimpleDeadlineManager.builder()
            .scopeAwareProvider(scope -> java.util.stream.Stream.empty())
            .build();
    private final DataSource dataSource = database();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final Serializer serializer = new AxonSerializationConfiguration().serializer();
    /** The events the case applied in the current probe, seen as the aggregate publishes them (before any commit). */
    private final List<Object> applied = new ArrayList<>();

    private final EmbeddedEventStore store = new RecordingStore(
            applied,
            EmbeddedEventStore.builder()
                    .storageEngine(JdbcEventStorageEngine.builder()
                            .connectionProvider(new DataSourceConnectionProvider(dataSource))
                            .transactionManager(NoTransactionManager.INSTANCE)
                            .eventSerializer(serializer)
                            .snapshotSerializer(serializer)
                            .upcasterChain(new AxonStorageConfiguration().eventRevisionUpcasters())
                            .snapshotFilter(RevisionSnapshotFilter.builder()
                                    .type(Case.class.getSimpleName())
                                    .revision(Case.class
                                            .getAnnotation(Revision.class)
                                            .value())
                                    .build())
                            .build()));
    private final ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
            ClasspathParameterResolverFactory.forClass(Case.class),
            new SimpleResourceParameterResolverFactory(Set.of(
                    vault,
                    new ApplicantProtector(vault, clock),
                    (SubjectCases) new NoSubjectCases(),
                    clock,
                    POLICY,
                    (PartnerDirectory) new TwoPartners(),
                    deadlines)));

    @AfterEach
    void stop() {
        deadlines.shutdown();
        store.shutDown();
    }

    @Test
    void aLongCaseDecidesTheSameFromItsEventsFromASnapshotAndPastASnapshotOfAnOlderShape() {
        EventSourcingRepository<Case> eventsOnly = repository(NoSnapshotTriggerDefinition.INSTANCE);
        live(eventsOnly);
        clock.set(T0.plus(Duration.ofHours(27)));
        Map<String, Decision> fromEvents = decide(eventsOnly);

        // what the case decides: the same as it always did on this history
        assertThat(fromEvents.get("another note").events())
                .singleElement()
                .hasFieldOrPropertyWithValue("noteNumber", NOTES + 1);
        assertThat(fromEvents.get("reserve the applicant's credit check again").refusal())
                .isEqualTo("credit-check-already-reserved");
        assertThat(fromEvents.get("confirm the co-applicant again").refusal()).isEqualTo("identity-already-checked");
        assertThat(fromEvents.get("open bidding again").refusal()).isEqualTo("bidding-already-opened");
        assertThat(fromEvents.get("bid after the window").refusal()).isEqualTo("bidding-closed");
        assertThat(fromEvents.get("accept another offer").refusal()).isEqualTo("offer-already-accepted");
        assertThat(fromEvents.get("send the letter again").refusal()).isEqualTo("debt-letter-already-sent");
        assertThat(fromEvents.get("the first reminder again").events()).isEmpty();
        assertThat(fromEvents.get("the second reminder").events())
                .singleElement()
                .hasFieldOrPropertyWithValue("reminder", 2);
        assertThat(fromEvents.get("pay out before signing").refusal()).isEqualTo("debt-letter-not-signed");
        assertThat(fromEvents.get("sign").events()).hasSize(1);
        assertThat(fromEvents.get("an SMS with a used id").refusal()).isEqualTo("sms-exists");
        assertThat(fromEvents.get("the same send result again").events()).isEmpty();
        assertThat(fromEvents.get("a status of another MessageSid").refusal()).isEqualTo("sms-sid-mismatch");
        assertThat(fromEvents.get("the same reply again").events()).isEmpty();
        assertThat(fromEvents.get("read the replies").events())
                .singleElement()
                .hasFieldOrPropertyWithValue("replies", 1);
        assertThat(fromEvents.get("a follow-up with a used id").refusal()).isEqualTo("follow-up-exists");
        assertThat(fromEvents.get("the due follow-up again").events()).isEmpty();
        assertThat(fromEvents.get("the other follow-up").events()).hasSize(1);
        assertThat(fromEvents.get("close").events()).hasSize(1);

        EventSourcingRepository<Case> snapshotting = repository(snapshotTrigger());
        load(snapshotting); // past the threshold: the load takes a snapshot when it commits
        assertThat(jdbc.queryForObject("SELECT payloadrevision FROM snapshotevententry", String.class))
                .isEqualTo(Case.class.getAnnotation(Revision.class).value());
        assertThat(store.readEvents(CASE_ID).peek().getPayloadType()).isEqualTo(Case.class);
        assertThat(decide(snapshotting)).isEqualTo(fromEvents);

        jdbc.update("UPDATE snapshotevententry SET payloadrevision = '3'");
        assertThat(store.readEvents(CASE_ID).peek().getPayloadType()).isNotEqualTo(Case.class);
        assertThat(decide(repository(NoSnapshotTriggerDefinition.INSTANCE))).isEqualTo(fromEvents);
    }

    /** Every part of the case gets its history, through the commands that make it. */
    private void live(EventSourcingRepository<Case> repository) {
        send(repository, openCase());
        for (Party party : Party.values()) {
            send(repository, new ConfirmIdentity(CASE_ID, party, new ProtectedValue("token:pnr")));
            send(repository, new ReserveCreditCheck(CASE_ID, party));
            send(repository, new RecordCreditReport(CASE_ID, party, REPORT));
        }
        send(repository, new OpenBidding(CASE_ID));
        clock.set(T0.plus(Duration.ofHours(1)));
        send(repository, new PlaceBid(CASE_ID, "nordbank", TERMS));
        send(repository, new PlaceBid(CASE_ID, "sydbank", TERMS));
        clock.set(T0.plus(Duration.ofHours(25)));
        send(repository, new CloseBidding(CASE_ID));
        send(repository, new AcceptOffer(CASE_ID, "nordbank"));
        send(repository, new SendDebtLetter(CASE_ID));
        send(repository, new MarkDebtLetterReminderDue(CASE_ID, 1));
        send(repository, new SendSms(CASE_ID, "m1", null, "Hej!", null));
        send(repository, new StartSmsSend(CASE_ID, "m1"));
        send(repository, new RecordSmsSent(CASE_ID, "m1", "SM1", "queued"));
        send(repository, new RecordSmsStatus(CASE_ID, "m1", "SM1", SmsDeliveryStatus.DELIVERED, null));
        send(repository, new ReceiveSms(CASE_ID, "SMin1", "+46701740605", "Tack", 1));
        send(repository, new ScheduleFollowUp(CASE_ID, "f1", "2026-12-10", "Ring"));
        send(repository, new ScheduleFollowUp(CASE_ID, "f2", "2026-12-20", null));
        send(repository, new MarkFollowUpDue(CASE_ID, "f1"));
        for (int note = 1; note <= NOTES; note++) {
            send(repository, new AddNote(CASE_ID, "Note " + note));
        }
    }

    /** One command of each kind the history makes a case rule for, each decided on its own and not kept. */
    private Map<String, Decision> decide(EventSourcingRepository<Case> repository) {
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("another note", new AddNote(CASE_ID, "One more"));
        commands.put("reserve the applicant's credit check again", new ReserveCreditCheck(CASE_ID, Party.APPLICANT));
        commands.put(
                "confirm the co-applicant again",
                new ConfirmIdentity(CASE_ID, Party.CO_APPLICANT, new ProtectedValue("token:pnr")));
        commands.put("open bidding again", new OpenBidding(CASE_ID));
        commands.put("bid after the window", new PlaceBid(CASE_ID, "sydbank", TERMS));
        commands.put("accept another offer", new AcceptOffer(CASE_ID, "sydbank"));
        commands.put("send the letter again", new SendDebtLetter(CASE_ID));
        commands.put("the first reminder again", new MarkDebtLetterReminderDue(CASE_ID, 1));
        commands.put("the second reminder", new MarkDebtLetterReminderDue(CASE_ID, 2));
        commands.put("pay out before signing", new RecordPayout(CASE_ID, 150_000));
        commands.put("sign", new RecordDebtLetterSigned(CASE_ID));
        commands.put("an SMS with a used id", new SendSms(CASE_ID, "m1", null, "Hej igen", null));
        commands.put("the same send result again", new RecordSmsSent(CASE_ID, "m1", "SM1", "queued"));
        commands.put(
                "a status of another MessageSid",
                new RecordSmsStatus(CASE_ID, "m1", "SM2", SmsDeliveryStatus.DELIVERED, null));
        commands.put("the same reply again", new ReceiveSms(CASE_ID, "SMin1", "+46701740605", "Tack", 1));
        commands.put("read the replies", new MarkSmsRead(CASE_ID));
        commands.put("a follow-up with a used id", new ScheduleFollowUp(CASE_ID, "f1", "2026-12-11", null));
        commands.put("the due follow-up again", new MarkFollowUpDue(CASE_ID, "f1"));
        commands.put("the other follow-up", new MarkFollowUpDue(CASE_ID, "f2"));
        commands.put("close", new CloseCase(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, null));
        Map<String, Decision> decisions = new LinkedHashMap<>();
        commands.forEach((name, command) -> decisions.put(name, decide(repository, command)));
        return decisions;
    }

    /** What the case applies on {@code command}, or the code it refuses it with; rolled back either way. */
    private Decision decide(EventSourcingRepository<Case> repository, Object command) {
        applied.clear();
        CommandMessage<?> message = asCommandMessage(command);
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        try {
            handler(repository).handle(message);
            return new Decision(List.copyOf(applied), null);
        } catch (CaseRuleViolation refused) {
            return new Decision(List.of(), refused.code());
        } catch (Exception e) {
            throw new AssertionError(command + " failed", e);
        } finally {
            unitOfWork.rollback();
        }
    }

    private void send(EventSourcingRepository<Case> repository, Object command) {
        CommandMessage<?> message = asCommandMessage(command);
        var result = DefaultUnitOfWork.startAndGet(message)
                .executeWithResult(() -> handler(repository).handle(message));
        if (result.isExceptional()) {
            throw new AssertionError(command + " was refused", result.exceptionResult());
        }
    }

    private void load(EventSourcingRepository<Case> repository) {
        DefaultUnitOfWork.startAndGet(new GenericMessage<>("load")).execute(() -> repository.load(CASE_ID));
    }

    private AggregateAnnotationCommandHandler<Case> handler(EventSourcingRepository<Case> repository) {
        return AggregateAnnotationCommandHandler.<Case>builder()
                .aggregateType(Case.class)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build();
    }

    private EventSourcingRepository<Case> repository(SnapshotTriggerDefinition snapshots) {
        return EventSourcingRepository.builder(Case.class)
                .eventStore(store)
                .parameterResolverFactory(resolvers)
                .snapshotTriggerDefinition(snapshots)
                .build();
    }

    /** The case's trigger as axon-config makes it, with a threshold the history passes. */
    private SnapshotTriggerDefinition snapshotTrigger() {
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                .eventStore(store)
                .aggregateFactories(new GenericAggregateFactory<>(
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(Case.class, resolvers)))
                .parameterResolverFactory(resolvers)
                .build();
        return new AxonStorageConfiguration().caseSnapshotTrigger(snapshotter, 20);
    }

    private static OpenCase openCase() {
        ApplicantDetails applicant = new ApplicantDetails(
                "19121212-1212",
                "Tolvan",
                "Tolvansson",
                "070-174 06 05",
                "tolvan@example.se",
                new Address("Storgatan 1", "111 22", "Stockholm", null));
        ApplicantDetails coApplicant = new ApplicantDetails(
                "19121212-1212", "Tolva", "Tolvansson", "070-174 06 05", "tolva@example.se", applicant.address());
        return new OpenCase(
                CASE_ID,
                applicant,
                coApplicant,
                new LoanRequest(150_000, 60, LoanPurpose.CONSOLIDATION),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    private static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:case-rebuild-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration/h2")
                .load()
                .migrate();
        return h2;
    }

    /** The events a command applied (none, for a command the case answers by doing nothing), or its refusal. */
    private record Decision(List<Object> events, String refusal) {}

    /** An event store that also tells which events are published, as they are: a probe is rolled back. */
    private static final class RecordingStore extends EmbeddedEventStore {

        private final List<Object> published;

        RecordingStore(List<Object> published, EmbeddedEventStore.Builder builder) {
            super(builder);
            this.published = published;
        }

        @Override
        public void publish(List<? extends EventMessage<?>> events) {
            events.forEach(event -> published.add(event.getPayload()));
            super.publish(events);
        }
    }

    /** Tokens made of the subject, the kind and the text: the same input, the same token. */
    private static final class TokenVault implements PersonalDataVault {

        @Override
        public String subjectFor(String normalisedPersonalNumber) {
            return "subject-" + normalisedPersonalNumber.hashCode();
        }

        @Override
        public String wrap(String subject, PersonalDataKind kind, String plaintext) {
            return "token:" + subject + ":" + kind + ":" + plaintext.hashCode();
        }

        @Override
        public boolean isErased(String subject) {
            return false;
        }

        @Override
        public String blindIndex(PersonalDataKind kind, String normalisedValue) {
            return "index:" + kind + ":" + normalisedValue.hashCode();
        }
    }

    private static final class NoSubjectCases implements SubjectCases {

        @Override
        public void record(String caseId, String subject) {}

        @Override
        public int forgetKeys(String subject) {
            return 0;
        }
    }

    private static final class TwoPartners implements PartnerDirectory {

        @Override
        public List<String> matching(se.caseflow.domain.api.PartnerCaseSummary summary) {
            return List.of("nordbank", "sydbank");
        }

        @Override
        public Optional<String> name(String partnerId) {
            return Optional.of(partnerId);
        }
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
