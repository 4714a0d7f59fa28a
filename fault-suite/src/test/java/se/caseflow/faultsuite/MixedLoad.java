package se.caseflow.faultsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.testsupport.TestPersonalNumbers;

/**
 * The steady mixed load: OpenCase over HTTP and Kafka, AddNote, SendSms, inbound SMS and delivery callbacks signed
 * like Twilio's, and partner bids, from a few client threads at a fixed pace. Every webhook and every keyed Kafka
 * command is sent twice; a third of the inbound messages' and keyed Kafka commands' second copies are held back and
 * sent later, shuffled among later traffic; some delivery callbacks come out of order ({@code delivered} before
 * {@code sent}).
 */
final class MixedLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 3;
    private static final long PAUSE_MS = 120;

    private final Caseflow caseflow;
    private final KafkaChannel kafka;
    private final FaultWorld world;
    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final AtomicInteger people = new AtomicInteger(1000);
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Set<String> calledBack = ConcurrentHashMap.newKeySet();
    private final Set<String> bidOn = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Second copies held back, sent later in random order. */
    private final List<Send> later = new ArrayList<>();

    private volatile boolean running = true;

    MixedLoad(FaultWorld world, Caseflow caseflow, KafkaChannel kafka, Ledger ledger) {
        this.world = world;
        this.caseflow = caseflow;
        this.kafka = kafka;
        this.ledger = ledger;
        this.jdbc = new JdbcTemplate(world.database());
    }

    void start() {
        for (int i = 0; i < THREADS; i++) {
            Thread thread = new Thread(this::run, "fault-suite-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the clients after their current action; a failure of the suite's own code fails the test. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        for (Send copy = laterCopy(); copy != null; copy = laterCopy()) {
            try {
                copy.send();
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the load's own code failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private void run() {
        while (running) {
            try {
                if (ThreadLocalRandom.current().nextInt(3) == 0) {
                    Send copy = laterCopy();
                    if (copy != null) {
                        copy.send();
                    }
                }
                int dice = ThreadLocalRandom.current().nextInt(100);
                if (dice < 18 || accepted.size() < 5) {
                    openCaseOverHttp();
                } else if (dice < 28) {
                    openCaseOverKafka();
                } else if (dice < 43) {
                    addNote();
                } else if (dice < 58) {
                    sendSms();
                } else if (dice < 72) {
                    inboundSms();
                } else if (dice < 88) {
                    deliveryCallbacks();
                } else {
                    bid();
                }
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }
    }

    /** {@code count} OpenCase commands without a key on Kafka at once, as a burst of traffic arrives. */
    void kafkaBurst(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            openCaseOverKafka(false);
        }
    }

    private interface Send {
        void send() throws Exception;
    }

    /** Sends once now, and the second copy now or (one in three) later, after other traffic. */
    private void twice(Send send) throws Exception {
        send.send();
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            synchronized (later) {
                later.add(send);
            }
        } else {
            send.send();
        }
    }

    /** A held-back second copy at random, taken off the list; null when there is none. */
    private Send laterCopy() {
        synchronized (later) {
            return later.isEmpty()
                    ? null
                    : later.remove(ThreadLocalRandom.current().nextInt(later.size()));
        }
    }

    private void openCaseOverHttp() throws Exception {
        String phase = ledger.phase();
        String caseId = UUID.randomUUID().toString();
        Person person = person();
        ledger.applicant(person.objectRef(), caseId, phase);
        Caseflow.Answer answer = caseflow.command("OpenCase", openCase(caseId, person), "open-" + caseId);
        if (answer.ok()) {
            ledger.opened(caseId, person.objectRef(), person.phone(), phase);
            accepted.add(caseId);
        } else {
            ledger.phaseOf.put(caseId, phase);
            ledger.unsettled.add(new Ledger.Unsettled("OpenCase", caseId, "open-" + caseId, phase, summary(answer)));
        }
    }

    /**
     * Half with an idempotency key, sent twice (the second copy perhaps later); half without one, sent once (the
     * record key then names the command's answer): only a redelivery of the same record repeats those.
     */
    private void openCaseOverKafka() throws Exception {
        openCaseOverKafka(ThreadLocalRandom.current().nextBoolean());
    }

    private void openCaseOverKafka(boolean keyed) throws Exception {
        String phase = ledger.phase();
        Person person = person();
        String recordKey = (keyed ? "kafka-open-" : "kafka-unkeyed-") + UUID.randomUUID();
        String caseId = keyed ? UUID.randomUUID().toString() : null;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "OpenCase");
        if (keyed) {
            message.put("idempotencyKey", recordKey);
        }
        message.put("payload", JSON.readTree(openCase(caseId, person)));
        String json = JSON.writeValueAsString(message);
        ledger.kafka.put(
                recordKey, new Ledger.KafkaCommand(recordKey, keyed ? recordKey : null, "OpenCase", caseId, phase));
        people(recordKey, person, phase);
        ledger.applicant(person.objectRef(), caseId, phase);
        if (keyed) {
            twice(() -> kafka.send(recordKey, json));
        } else {
            kafka.send(recordKey, json);
        }
    }

    private void addNote() throws Exception {
        String caseId = anyCase();
        String phase = ledger.phase();
        String key = "note-" + UUID.randomUUID();
        String payload = "{\"caseId\":\"" + caseId + "\",\"text\":\"Ringde kunden, " + key + "\"}";
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            ledger.kafka.put(key, new Ledger.KafkaCommand(key, key, "AddNote", caseId, phase));
            String message = "{\"type\":\"AddNote\",\"idempotencyKey\":\"" + key + "\",\"payload\":" + payload + "}";
            twice(() -> kafka.send(key, message));
            return;
        }
        Caseflow.Answer answer = caseflow.command("AddNote", payload, key);
        if (answer.ok()) {
            ledger.noted(caseId, key);
        } else if (!refusedForGood(answer)) {
            ledger.unsettled.add(new Ledger.Unsettled("AddNote", caseId, key, phase, summary(answer)));
        }
    }

    private void sendSms() throws Exception {
        String caseId = anyCase();
        String phase = ledger.phase();
        String messageId = UUID.randomUUID().toString();
        Caseflow.Answer answer = caseflow.command(
                "SendSms",
                "{\"caseId\":\"" + caseId + "\",\"messageId\":\"" + messageId
                        + "\",\"text\":\"Hej! Vi har tagit emot din ansökan.\"}",
                "sms-" + messageId);
        ledger.phaseOf.put(messageId, phase);
        if (answer.ok()) {
            ledger.sms.put(messageId, caseId);
        } else if (!refusedForGood(answer)) {
            ledger.unsettled.add(new Ledger.Unsettled("SendSms", caseId, messageId, phase, summary(answer)));
        }
    }

    /**
     * A reply from a case's applicant (one in five from a number caseflow does not know), sent twice (the second
     * copy perhaps later).
     */
    private void inboundSms() throws Exception {
        String from = ThreadLocalRandom.current().nextInt(5) == 0
                ? "+4673" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999))
                : ledger.cases.get(anyCase()).phone();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        ledger.inbound.put(sid, ledger.phase());
        ledger.phaseOf.put(sid, ledger.phase());
        Map<String, String> form = Map.of(
                "MessageSid",
                sid,
                "AccountSid",
                FaultWorld.TWILIO_ACCOUNT,
                "From",
                from,
                "To",
                FaultWorld.TWILIO_FROM,
                "Body",
                "Tack, jag återkommer");
        List<Integer> answers = new CopyOnWriteArrayList<>();
        ledger.inboundAnswers.put(sid, answers);
        twice(() -> answers.add(caseflow.webhook("/twilio/sms", form).status()));
    }

    /** {@code sent} and {@code delivered} for a message Twilio accepted, each twice; a third out of order. */
    private void deliveryCallbacks() throws Exception {
        for (Map.Entry<String, String> accepted : world.twilio.acceptedSids().entrySet()) {
            if (!calledBack.add(accepted.getKey())) {
                continue;
            }
            String pathAndQuery = accepted.getKey().substring(FaultWorld.PUBLIC_BASE_URL.length());
            List<String> statuses = ThreadLocalRandom.current().nextInt(3) == 0
                    ? List.of("delivered", "sent", "delivered", "sent")
                    : List.of("sent", "sent", "delivered", "delivered");
            for (String status : statuses) {
                Caseflow.Answer answer = caseflow.webhook(
                        pathAndQuery,
                        Map.of(
                                "MessageSid",
                                accepted.getValue(),
                                "MessageStatus",
                                status,
                                "AccountSid",
                                FaultWorld.TWILIO_ACCOUNT));
                if (answer.ok() && status.equals("delivered")) {
                    ledger.delivered.add(pathAndQuery.substring(pathAndQuery.lastIndexOf('=') + 1));
                }
            }
            return;
        }
    }

    /** The partner bids on a case whose bidding opened, double-submitting its form. */
    private void bid() throws Exception {
        List<String> open;
        try {
            open = jdbc.queryForList(
                    "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%.BiddingOpened'",
                    String.class);
        } catch (DataAccessException restarting) {
            return; // the suite's own look-up, while PostgreSQL restarts: the partner bids a moment later
        }
        for (String caseId : open) {
            if (!ledger.cases.containsKey(caseId) || !bidOn.add(caseId)) {
                continue;
            }
            String key = "bid-" + caseId;
            String phase = ledger.phase();
            boolean placed = caseflow.bid(caseId, key).status() == 303;
            placed |= caseflow.bid(caseId, key).status() == 303;
            if (placed) {
                ledger.bids.put(caseId, phase);
            }
            return;
        }
    }

    private String anyCase() {
        return accepted.get(ThreadLocalRandom.current().nextInt(accepted.size()));
    }

    /** An answer that refuses for a reason of the case's own (closed, ...): no events, nothing to settle. */
    private static boolean refusedForGood(Caseflow.Answer answer) {
        return answer.status() >= 400 && answer.status() < 500 && answer.status() != 409;
    }

    private static String summary(Caseflow.Answer answer) {
        String body = answer.body() == null ? "" : answer.body();
        return answer.status() + " " + body.substring(0, Math.min(body.length(), 160));
    }

    private record Person(String personalNumber, String objectRef, String phone) {}

    private Person person() {
        int n = people.incrementAndGet();
        String personalNumber = TestPersonalNumbers.of(n).replace("-", "");
        return new Person(personalNumber, personalNumber.substring(2), "+4670" + (1_000_000 + n));
    }

    /** The people opened over Kafka without a known case id yet: their case is the command's answer. */
    final Map<String, String[]> kafkaPeople = new ConcurrentHashMap<>();

    private void people(String recordKey, Person person, String phase) {
        kafkaPeople.put(recordKey, new String[] {person.objectRef(), person.phone(), phase});
    }

    /**
     * Kafka commands whose answer arrived: cases opened into the ledger and the pool later commands pick from, notes
     * added into the ledger.
     */
    void adoptKafkaAnswers() {
        kafka.results().forEach((recordKey, answers) -> {
            Ledger.KafkaCommand command = ledger.kafka.get(recordKey);
            if (command != null
                    && command.type().equals("AddNote")
                    && answers.stream()
                            .anyMatch(a -> "accepted".equals(a.path("status").asText()))) {
                ledger.noted(command.caseId(), recordKey);
            }
            String[] person = kafkaPeople.get(recordKey);
            if (person == null) {
                return;
            }
            answers.stream()
                    .filter(a -> "accepted".equals(a.path("status").asText()))
                    .map(a -> a.path("caseId").asText())
                    .distinct()
                    .forEach(caseId -> {
                        if (ledger.cases.putIfAbsent(
                                        caseId, new Ledger.OpenedCase(caseId, person[2], person[0], person[1]))
                                == null) {
                            ledger.phaseOf.put(caseId, person[2]);
                            accepted.add(caseId);
                        }
                    });
        });
    }

    /** Whether every Kafka command the load sent has its answer on the results topic. */
    boolean kafkaAnswered() {
        return kafka.results().keySet().containsAll(ledger.kafka.keySet());
    }

    private static String openCase(String caseId, Person person) {
        return """
                {%s"applicant": {"personalNumber": "%s", "firstName": "Tolvan", "lastName": "Tolvansson",
                  "mobilePhone": "%s", "email": "tolvan@example.se",
                  "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}},
                 "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
                """.formatted(
                caseId == null ? "" : "\"caseId\": \"" + caseId + "\", ", person.personalNumber(), person.phone());
    }
}
