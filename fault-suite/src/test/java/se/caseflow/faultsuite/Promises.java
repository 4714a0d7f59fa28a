package se.caseflow.faultsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.testsupport.FakeTwilio;

/** Checks each of caseflow's promises on everything the load sent, by the phase it was sent in. */
final class Promises {

    static final String EVENTS_ONCE = "events once";
    static final String REDELIVERED = "Kafka record again: one case";
    static final String UC_ONCE = "UC: ≤ 1, none stale";
    static final String SMS_ONCE = "SMS: ≤ 1 send, outcome, delivered once";
    static final String INBOUND_ONCE = "inbound once";
    static final String READ_SIDE = "Redis = rebuild";
    static final String NO_DEAD_LETTERS = "no stray dead letter";
    static final String KAFKA_EVENTS = "case-events complete";
    static final List<String> ALL = List.of(
            EVENTS_ONCE, REDELIVERED, UC_ONCE, SMS_ONCE, INBOUND_ONCE, READ_SIDE, NO_DEAD_LETTERS, KAFKA_EVENTS);

    /** Between the check of a trigger's age and the call to UC lies the reservation's transaction. */
    private static final Duration RESERVATION_MARGIN = Duration.ofSeconds(5);

    static final Pattern CASE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Event(String id, String caseId, String type, Instant at, String payload) {}

    private final Ledger ledger;
    private final FaultWorld world;
    private final KafkaChannel kafka;
    private final Verdicts verdicts;
    private final List<Event> events;
    private final Map<String, List<Event>> byCase;
    /** The case ids of each applicant subject's {@code CaseOpened} events. */
    private final Map<String, List<String>> casesBySubject;

    Promises(Ledger ledger, FaultWorld world, KafkaChannel kafka) {
        this.ledger = ledger;
        this.world = world;
        this.kafka = kafka;
        this.verdicts = new Verdicts(ALL, List.copyOf(ledger.phases));
        events = new JdbcTemplate(world.database())
                .query(
                        "SELECT eventidentifier, aggregateidentifier, payloadtype, \"timestamp\","
                                + " convert_from(payload, 'UTF8') AS payload FROM domainevententry ORDER BY globalindex",
                        (rs, n) -> new Event(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3).substring(rs.getString(3).lastIndexOf('.') + 1),
                                Instant.parse(rs.getString(4)),
                                rs.getString(5)));
        byCase = events.stream().collect(Collectors.groupingBy(Event::caseId));
        casesBySubject = events.stream()
                .filter(e -> e.type().equals("CaseOpened"))
                .collect(Collectors.groupingBy(
                        e -> read(e.payload()).path("applicant").path("subject").asText(),
                        Collectors.mapping(Event::caseId, Collectors.toList())));
    }

    Verdicts verdicts() {
        return verdicts;
    }

    void commandsOnce() {
        ledger.cases.values().forEach(opened -> {
            long count = count(opened.caseId(), "CaseOpened");
            verdicts.check(
                    EVENTS_ONCE,
                    opened.phase(),
                    count == 1 ? null : "case " + opened.caseId() + ": CaseOpened x" + count);
        });
        ledger.kafka.values().stream().filter(c -> c.type().equals("OpenCase")).forEach(command -> {
            List<JsonNode> answers = kafka.results().getOrDefault(command.recordKey(), List.of());
            Set<String> opened = answers.stream()
                    .filter(a -> "accepted".equals(a.path("status").asText()))
                    .map(a -> a.path("caseId").asText())
                    .collect(Collectors.toSet());
            verdicts.check(
                    EVENTS_ONCE,
                    command.phase(),
                    opened.size() == 1
                            ? null
                            : "Kafka OpenCase " + command.recordKey() + " (key "
                                    + (command.idempotencyKey() == null ? "none" : "set") + "): opened "
                                    + opened.size() + " cases, answers " + answers.size());
        });
        // every OpenCase the suite sent was for a new applicant: whatever its answer (none, 5xx, a Kafka record
        // delivered again), the store holds at most one CaseOpened per applicant
        casesBySubject.forEach((subject, caseIds) -> verdicts.check(
                EVENTS_ONCE,
                phaseOfCases(caseIds),
                caseIds.size() == 1
                        ? null
                        : "applicant " + subject + ": CaseOpened x" + caseIds.size() + " " + caseIds));
        verdicts.check(
                EVENTS_ONCE,
                Verdicts.ALL,
                casesBySubject.size() <= ledger.applicants.size()
                        ? null
                        : casesBySubject.size() + " applicants opened, the suite sent " + ledger.applicants.size());
        ledger.unsettled.stream().filter(u -> u.type().equals("OpenCase")).forEach(unsettled -> {
            long count = count(unsettled.caseId(), "CaseOpened");
            verdicts.check(
                    EVENTS_ONCE,
                    unsettled.phase(),
                    count <= 1 ? null : "unsettled OpenCase " + unsettled.caseId() + ": CaseOpened x" + count);
        });
        Map<String, Long> unsettledNotes = ledger.unsettled.stream()
                .filter(u -> u.type().equals("AddNote"))
                .collect(Collectors.groupingBy(Ledger.Unsettled::caseId, Collectors.counting()));
        ledger.notes.forEach((caseId, keys) -> {
            long count = count(caseId, "NoteAdded");
            long most = keys.size() + unsettledNotes.getOrDefault(caseId, 0L);
            verdicts.check(
                    EVENTS_ONCE,
                    ledger.phaseOf.getOrDefault(caseId, Verdicts.ALL),
                    count >= keys.size() && count <= most
                            ? null
                            : "case " + caseId + ": " + keys.size() + " notes accepted, " + count + " NoteAdded");
        });
        ledger.sms.forEach((messageId, caseId) -> {
            long count = byCase.getOrDefault(caseId, List.of()).stream()
                    .filter(e -> e.type().equals("SmsRequested") && e.payload().contains(messageId))
                    .count();
            verdicts.check(
                    EVENTS_ONCE,
                    ledger.phaseOf.get(messageId),
                    count == 1 ? null : "SendSms " + messageId + ": SmsRequested x" + count);
        });
        ledger.bids.forEach((caseId, phase) -> {
            long count = count(caseId, "BidPlaced");
            verdicts.check(EVENTS_ONCE, phase, count == 1 ? null : "bid on " + caseId + ": BidPlaced x" + count);
        });
    }

    /**
     * Kafka commands without a key whose record was delivered again (an answer marked {@code replayed}: the key made
     * from the record was claimed by an earlier delivery): each opened exactly one case, and its applicant has one
     * {@code CaseOpened}. Every record held uncommitted when a node was SIGKILLed must have been delivered again.
     */
    void redeliveries() {
        Map<String, String> subjectOf = new HashMap<>();
        casesBySubject.forEach((subject, caseIds) -> caseIds.forEach(caseId -> subjectOf.put(caseId, subject)));
        Set<String> answeredAgain = new HashSet<>();
        ledger.kafka.values().stream()
                .filter(c -> c.type().equals("OpenCase") && c.idempotencyKey() == null)
                .forEach(command -> {
                    List<JsonNode> answers = kafka.results().getOrDefault(command.recordKey(), List.of());
                    if (answers.stream().noneMatch(a -> a.path("replayed").asBoolean())) {
                        return;
                    }
                    Set<String> opened =
                            answers.stream().map(a -> a.path("caseId").asText()).collect(Collectors.toSet());
                    answeredAgain.addAll(opened);
                    String caseId = opened.iterator().next();
                    int applicantCases = casesBySubject
                            .getOrDefault(subjectOf.getOrDefault(caseId, ""), List.of())
                            .size();
                    verdicts.check(
                            REDELIVERED,
                            command.phase(),
                            opened.size() == 1 && applicantCases == 1
                                    ? null
                                    : "record " + command.recordKey() + ": answers " + answers
                                            + ", its applicant's cases " + applicantCases);
                });
        ledger.heldAtKill.forEach((phase, held) -> {
            verdicts.check(
                    REDELIVERED,
                    phase,
                    held.isEmpty()
                            ? "no handled record was left uncommitted when the node died: nothing to redeliver"
                            : null);
            held.forEach(record -> verdicts.check(
                    REDELIVERED,
                    phase,
                    answeredAgain.contains(record.caseId())
                            ? null
                            : "record " + record.partition() + ":" + record.offset() + " (case " + record.caseId()
                                    + "), handled before the node died, was not answered again"));
        });
    }

    /**
     * Per applicant the suite sent an OpenCase for, and per applicant UC was asked about: at most one report, only
     * for a case with {@code IdentityVerified}, none later than the limit after it.
     */
    void ucReports() {
        Map<String, List<Instant>> reports = world.uc.reportTimes();
        Map<String, Set<String>> casesOf = new HashMap<>();
        ledger.cases
                .values()
                .forEach(c -> casesOf.computeIfAbsent(c.objectRef(), k -> new HashSet<>())
                        .add(c.caseId()));
        ledger.intendedCases.forEach((ref, caseId) ->
                casesOf.computeIfAbsent(ref, k -> new HashSet<>()).add(caseId));
        Set<String> applicants = new HashSet<>(ledger.applicants.keySet());
        applicants.addAll(reports.keySet());
        applicants.forEach(ref -> {
            List<Instant> times = reports.getOrDefault(ref, List.of());
            List<Instant> verified = casesOf.getOrDefault(ref, Set.of()).stream()
                    .flatMap(caseId -> byCase.getOrDefault(caseId, List.of()).stream())
                    .filter(e -> e.type().equals("IdentityVerified"))
                    .map(Event::at)
                    .toList();
            String broken = null;
            if (times.size() > 1) {
                broken = "applicant " + ref + ": " + times.size() + " reports";
            } else if (!times.isEmpty() && verified.isEmpty()) {
                broken = "applicant " + ref + ": a report, but no IdentityVerified on their cases "
                        + casesOf.getOrDefault(ref, Set.of());
            }
            for (Instant at : times) {
                for (Instant trigger : verified) {
                    if (Duration.between(trigger, at).compareTo(FaultWorld.UC_MAX_EVENT_AGE.plus(RESERVATION_MARGIN))
                            > 0) {
                        broken =
                                "applicant " + ref + ": report " + Duration.between(trigger, at) + " after its trigger";
                    }
                }
            }
            verdicts.check(UC_ONCE, ledger.applicants.getOrDefault(ref, Verdicts.ALL), broken);
        });
    }

    /**
     * Every SMS: each {@code SmsRequested} in the store (the suite's {@code SendSms} and the sagas' own, such as
     * offers-ready), each message Twilio received and each {@code SendSms} caseflow accepted.
     */
    void smsOnce() {
        Map<String, Long> handed = world.twilio.received().stream()
                .map(FakeTwilio.Received::form)
                .map(form -> form.getOrDefault("StatusCallback", ""))
                .collect(Collectors.groupingBy(
                        url -> url.substring(url.lastIndexOf("messageId=") + "messageId=".length()),
                        Collectors.counting()));
        Map<String, String> requested = new HashMap<>();
        events.stream()
                .filter(e -> e.type().equals("SmsRequested"))
                .forEach(e -> requested.put(read(e.payload()).path("messageId").asText(), e.caseId()));
        Set<String> messages = new HashSet<>(requested.keySet());
        messages.addAll(handed.keySet());
        messages.addAll(ledger.sms.keySet());
        messages.forEach(messageId -> {
            String caseId = requested.getOrDefault(messageId, ledger.sms.getOrDefault(messageId, ""));
            String phase = ledger.phaseOf.getOrDefault(messageId, ledger.phaseOf.getOrDefault(caseId, Verdicts.ALL));
            if (!requested.containsKey(messageId)) {
                verdicts.check(
                        SMS_ONCE,
                        phase,
                        "message " + messageId + ": no SmsRequested, handed to Twilio "
                                + handed.getOrDefault(messageId, 0L) + " times");
                return;
            }
            long times = handed.getOrDefault(messageId, 0L);
            Set<String> outcomes = byCase.getOrDefault(caseId, List.of()).stream()
                    .filter(e -> e.payload().contains(messageId))
                    .map(Event::type)
                    .filter(t -> Set.of("SmsSent", "SmsSendFailed", "SmsOutcomeUnknown")
                            .contains(t))
                    .collect(Collectors.toSet());
            String broken = times > 1
                    ? "message " + messageId + " handed to Twilio " + times + " times"
                    : outcomes.size() != 1
                            ? "message " + messageId + ": send outcomes " + outcomes
                            : ledger.delivered.contains(messageId) ? deliveredOnce(caseId, messageId) : null;
            verdicts.check(SMS_ONCE, phase, broken);
        });
    }

    /** A delivered callback caseflow accepted (each was sent twice): recorded once, and the message ends delivered. */
    private String deliveredOnce(String caseId, String messageId) {
        List<JsonNode> changes = byCase.getOrDefault(caseId, List.of()).stream()
                .filter(e -> e.type().equals("SmsDeliveryStatusChanged")
                        && e.payload().contains(messageId))
                .map(e -> read(e.payload()))
                .toList();
        long delivered = changes.stream()
                .filter(c -> c.path("reported").asText().equals("DELIVERED"))
                .count();
        String last = changes.isEmpty()
                ? "none"
                : changes.get(changes.size() - 1).path("state").asText();
        return delivered == 1 && last.equals("DELIVERED")
                ? null
                : "message " + messageId + ": DELIVERED reported x" + delivered + ", ends " + last;
    }

    void inboundOnce() {
        Map<String, Long> recorded = new HashMap<>();
        events.stream()
                .filter(e -> e.type().equals("SmsReceived") || e.type().equals("UnmatchedSmsReceived"))
                .forEach(e -> ledger.inbound.keySet().stream()
                        .filter(sid -> e.payload().contains(sid))
                        .forEach(sid -> recorded.merge(sid, 1L, Long::sum)));
        ledger.inbound.forEach((sid, phase) -> {
            long count = recorded.getOrDefault(sid, 0L);
            verdicts.check(
                    INBOUND_ONCE,
                    phase,
                    count == 1
                            ? null
                            : "MessageSid " + sid + " recorded x" + count + ", answered "
                                    + ledger.inboundAnswers.get(sid) + "; " + inboxRowOf(sid));
        });
    }

    /** Where the inbox left a message: routed, refused, or waiting, and why. */
    private String inboxRowOf(String sid) {
        return new JdbcTemplate(world.database())
                        .queryForList(
                                "SELECT routed_at, refused_at, attempts, last_error, message IS NULL AS dropped,"
                                        + " received_at FROM sms_inbox WHERE message_sid = ?",
                                sid)
                + ", idempotency key "
                + new JdbcTemplate(world.database())
                        .queryForList(
                                "SELECT idem_key, outcome FROM idempotency_key WHERE idem_key LIKE ?", "%" + sid + "%");
    }

    /** Every key of the live read side against the rebuild's, attributed to the phase of the case it names. */
    void readSide(Map<String, String> live, Map<String, String> rebuilt) {
        Set<String> keys = new HashSet<>(live.keySet());
        keys.addAll(rebuilt.keySet());
        for (String key : keys) {
            String a = live.get(key);
            String b = rebuilt.get(key);
            String broken = a == null
                    ? key + ": missing from the live read side"
                    : b == null ? key + ": not in the rebuild" : a.equals(b) ? null : key + ": differs";
            verdicts.check(READ_SIDE, phaseOfKey(key), broken);
        }
    }

    /** The closing rebuild the live read side is compared with: {@code failed} says how it failed, or is null. */
    boolean rebuilt(String failed) {
        verdicts.check(
                READ_SIDE, Verdicts.ALL, failed == null ? null : "the rebuild to compare with failed: " + failed);
        return failed == null;
    }

    /** A node's health component {@code readSide} once the load settled: UP when Redis holds the read side again. */
    void readSideUp(String node, String status) {
        verdicts.check(READ_SIDE, Verdicts.ALL, status.equals("UP") ? null : node + ": readSide " + status);
    }

    void deadLetters(Set<String> causedOnPurpose) {
        new JdbcTemplate(world.database())
                .queryForList(
                        "SELECT processinggroup || ' ' || payloadtype || ' ' || coalesce(aggregateidentifier, '')"
                                + " || ': ' || coalesce(causetype, '') || ' ' || coalesce(causemessage, '')"
                                + " FROM deadletterentry",
                        String.class)
                .forEach(letter -> verdicts.check(NO_DEAD_LETTERS, phaseOfKey(letter), "dead letter: " + letter));
        List<ConsumerRecord<String, byte[]>> dlt = kafka.readAll(KafkaChannel.DEAD_LETTERS);
        for (ConsumerRecord<String, byte[]> record : dlt) {
            verdicts.check(
                    NO_DEAD_LETTERS,
                    Verdicts.ALL,
                    causedOnPurpose.contains(record.key())
                            ? null
                            : KafkaChannel.DEAD_LETTERS + ": " + record.key() + " ("
                                    + KafkaChannel.header(record, "caseflow-dlt-reason") + ")");
        }
        causedOnPurpose.forEach(key -> verdicts.check(
                NO_DEAD_LETTERS,
                Verdicts.ALL,
                dlt.stream().anyMatch(r -> key.equals(r.key()))
                        ? null
                        : "the poison " + key + " was not dead-lettered"));
    }

    void kafkaEvents() {
        Set<String> published = kafka.readAll(KafkaChannel.EVENTS).stream()
                .map(r -> KafkaChannel.header(r, "event-id"))
                .collect(Collectors.toSet());
        byCase.forEach((caseId, caseEvents) -> {
            long missing =
                    caseEvents.stream().filter(e -> !published.contains(e.id())).count();
            verdicts.check(
                    KAFKA_EVENTS,
                    ledger.phaseOf.getOrDefault(caseId, Verdicts.ALL),
                    missing == 0 ? null : "case " + caseId + ": " + missing + " of " + caseEvents.size() + " missing");
        });
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(String caseId, String type) {
        return byCase.getOrDefault(caseId, List.of()).stream()
                .filter(e -> e.type().equals(type))
                .count();
    }

    /** Number of SmsRequested in the store for messages the suite did not ask for (the sagas' own). */
    long sagaSms() {
        return events.stream()
                .filter(e -> e.type().equals("SmsRequested"))
                .filter(e -> !ledger.sms.containsKey(
                        read(e.payload()).path("messageId").asText()))
                .count();
    }

    private String phaseOfCases(List<String> caseIds) {
        return caseIds.stream()
                .map(ledger.phaseOf::get)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(Verdicts.ALL);
    }

    private String phaseOfKey(String text) {
        Matcher id = CASE_ID.matcher(text);
        return id.find() ? ledger.phaseOf.getOrDefault(id.group(), Verdicts.ALL) : Verdicts.ALL;
    }
}
