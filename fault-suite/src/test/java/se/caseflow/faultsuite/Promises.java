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
    static final String UC_ONCE = "UC: ≤ 1, none stale";
    static final String SMS_ONCE = "SMS: ≤ 1 send, outcome, delivered once";
    static final String INBOUND_ONCE = "inbound once";
    static final String READ_SIDE = "Redis = rebuild";
    static final String NO_DEAD_LETTERS = "no stray dead letter";
    static final String KAFKA_EVENTS = "case-events complete";
    static final List<String> ALL =
            List.of(EVENTS_ONCE, UC_ONCE, SMS_ONCE, INBOUND_ONCE, READ_SIDE, NO_DEAD_LETTERS, KAFKA_EVENTS);

    /** Between the check of a trigger's age and the call to UC lies the reservation's transaction. */
    private static final Duration RESERVATION_MARGIN = Duration.ofSeconds(5);

    private static final Pattern CASE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Event(String id, String caseId, String type, Instant at, String payload) {}

    private final Ledger ledger;
    private final FaultWorld world;
    private final KafkaChannel kafka;
    private final Verdicts verdicts;
    private final List<Event> events;
    private final Map<String, List<Event>> byCase;

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

    void ucReports() {
        Map<String, List<Instant>> reports = world.uc.reportTimes();
        Map<String, List<Ledger.OpenedCase>> byApplicant =
                ledger.cases.values().stream().collect(Collectors.groupingBy(Ledger.OpenedCase::objectRef));
        byApplicant.forEach((ref, cases) -> {
            List<Instant> times = reports.getOrDefault(ref, List.of());
            String broken = times.size() > 1 ? "applicant " + ref + ": " + times.size() + " reports" : null;
            for (Ledger.OpenedCase opened : cases) {
                Instant trigger = byCase.getOrDefault(opened.caseId(), List.of()).stream()
                        .filter(e -> e.type().equals("IdentityVerified"))
                        .map(Event::at)
                        .findFirst()
                        .orElse(null);
                for (Instant at : times) {
                    if (trigger != null
                            && Duration.between(trigger, at)
                                            .compareTo(FaultWorld.UC_MAX_EVENT_AGE.plus(RESERVATION_MARGIN))
                                    > 0) {
                        broken = "case " + opened.caseId() + ": report " + Duration.between(trigger, at)
                                + " after its trigger";
                    }
                }
            }
            verdicts.check(UC_ONCE, cases.get(0).phase(), broken);
        });
    }

    void smsOnce() {
        Map<String, Long> handed = world.twilio.received().stream()
                .map(FakeTwilio.Received::form)
                .map(form -> form.getOrDefault("StatusCallback", ""))
                .collect(Collectors.groupingBy(
                        url -> url.substring(url.lastIndexOf("messageId=") + "messageId=".length()),
                        Collectors.counting()));
        ledger.sms.forEach((messageId, caseId) -> {
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
            verdicts.check(SMS_ONCE, ledger.phaseOf.get(messageId), broken);
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
                                    + ledger.inboundAnswers.get(sid));
        });
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

    private String phaseOfKey(String text) {
        Matcher id = CASE_ID.matcher(text);
        return id.find() ? ledger.phaseOf.getOrDefault(id.group(), Verdicts.ALL) : Verdicts.ALL;
    }
}
