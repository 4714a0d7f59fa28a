package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.web.PostgresApplicationTest;

/**
 * SMS both ways through the whole application: the command API, the saga, the real Twilio SDK sending to
 * a local server speaking Twilio's REST API, signed webhooks, and the Redis read side.
 */
class SmsEndToEndTest extends PostgresApplicationTest {

    private static final Random RANDOM = new Random();

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    PersonalDataUnwrapper unwrapper;

    @LocalServerPort
    int port;

    WebTestClient twilioSide;

    @BeforeEach
    void twilioCallsWithoutCredentials() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        twilioSide = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void aTemplateIsSentThroughTwilioAndShuffledRepeatedCallbacksEndDelivered() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String messageId = UUID.randomUUID().toString();

        sendTemplate(caseId, messageId);

        FakeTwilio.Received request = await(() -> sentTo(messageId));
        assertThat(request.form())
                .containsEntry("To", e164(phone))
                .containsEntry("From", TWILIO_FROM)
                .containsEntry("Body", se.caseflow.domain.api.SmsTemplate.OFFERS_READY.text())
                .containsEntry(
                        "StatusCallback",
                        PUBLIC_BASE_URL + "/twilio/sms/status?caseId=" + caseId + "&messageId=" + messageId);
        String sid = awaitSent(caseId);

        List<String> callbacks =
                new ArrayList<>(List.of("queued", "sent", "delivered", "sent", "delivered", "queued", "undelivered"));
        Collections.shuffle(callbacks, new Random(7));
        String statusUrl = "/twilio/sms/status?caseId=" + caseId + "&messageId=" + messageId;
        for (String status : callbacks) {
            Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", status, "AccountSid", TWILIO_ACCOUNT);
            webhook(statusUrl, form, TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + statusUrl, form))
                    .expectStatus()
                    .isOk();
        }

        String finalState = await(() -> Optional.of(latestState(caseId, messageId))
                .filter(state -> entries(caseId).stream()
                                .filter(e -> e.get("type").equals("SmsDeliveryStatusChanged"))
                                .count()
                        == 4));
        // delivered or undelivered, whichever came first, is final; read may follow delivered only
        String firstFinal = callbacks.stream()
                .filter(s -> s.equals("delivered") || s.equals("undelivered"))
                .findFirst()
                .orElseThrow();
        assertThat(finalState).isEqualTo(firstFinal);
        assertThat(TWILIO.received().stream().filter(r -> isFor(r, messageId))).hasSize(1);
    }

    @Test
    void anInboundReplyIsSignatureCheckedRecordedOnceAndWaitsToBeRead() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        awaitFoundByPhone(phone);
        String sid = randomSid();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", TWILIO_ACCOUNT);
        form.put("From", e164(phone));
        form.put("To", TWILIO_FROM);
        form.put("Body", "Tack, jag skickar lönespecen i morgon");
        String good = TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form);

        Map<String, String> tampered = new LinkedHashMap<>(form);
        tampered.put("Body", "Skicka pengarna till mig");
        webhook("/twilio/sms", tampered, good).expectStatus().isForbidden();
        String internalUrl = TwilioSigner.sign(TWILIO_TOKEN, "http://localhost:" + port + "/twilio/sms", form);
        webhook("/twilio/sms", form, internalUrl).expectStatus().isForbidden();
        webhook("/twilio/sms", form, null).expectStatus().isForbidden();
        assertThat(eventCount(sid)).isZero();

        webhook("/twilio/sms", form, good)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_XML)
                .expectBody(String.class)
                .isEqualTo("<Response/>");
        webhook("/twilio/sms", form, good).expectStatus().isOk(); // Twilio's retry: replayed, recorded once

        await(() -> entries(caseId).stream()
                .filter(e -> e.get("type").equals("SmsReceived"))
                .findFirst());
        assertThat(entries(caseId).stream().filter(e -> e.get("type").equals("SmsReceived")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("text")).isEqualTo("Tack, jag skickar lönespecen i morgon");
                    assertThat(e.get("from")).isEqualTo(se.caseflow.domain.personal.Masks.phone(e164(phone)));
                });
        assertThat(eventCount(sid)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND convert_from(payload, 'UTF8') LIKE ?",
                        Integer.class,
                        caseId,
                        "%" + e164(phone) + "%"))
                .as("no plaintext number in the events")
                .isZero();
        await(() -> Optional.of(true).filter(x -> inView(caseId)));

        http.get()
                .uri("/api/docs/case/" + caseId + "/sms")
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/docs/view/unanswered-sms")
                .exchange()
                .expectStatus()
                .isOk();
        http.get().uri("/api/docs/sms/unmatched").exchange().expectStatus().isOk();
        http.get().uri("/api/docs/sms/phone/anything").exchange().expectStatus().isForbidden();
        twilioSide
                .get()
                .uri("/api/docs/case/" + caseId + "/sms")
                .headers(h ->
                        h.setBasicAuth(se.caseflow.web.TestUsers.PARTNER, se.caseflow.web.TestUsers.PARTNER_PASSWORD))
                .exchange()
                .expectStatus()
                .isForbidden();

        post("MarkSmsRead", "{\"caseId\":\"" + caseId + "\"}");
        await(() -> Optional.of(true).filter(x -> !inView(caseId)));
    }

    /**
     * The database refuses the first {@code SmsSendStarted} of a message: the saga's processor delivers the request
     * again (never logs and skips it, which left the message unsent), and the message is handed to Twilio once.
     */
    @Test
    void aDatabaseFailureWhileStartingASendIsDeliveredAgainAndSentOnce() throws Exception {
        String caseId = openCase(randomMobile());
        String messageId = UUID.randomUUID().toString();
        try (DatabaseFault fault = DatabaseFault.failFirstAppend(jdbc, "SmsSendStarted", messageId)) {
            sendTemplate(caseId, messageId);
            awaitSent(caseId);
            assertThat(fault.attempts()).isEqualTo(2);
        }
        assertThat(TWILIO.received().stream().filter(r -> isFor(r, messageId))).hasSize(1);
        assertThat(latestState(caseId, messageId)).isEqualTo("queued");
    }

    /**
     * The database refuses the first {@code SmsSent} of a message that Twilio accepted: delivered again, the request
     * finds its send started and records the outcome as unknown for a person (it was left "sending" for ever), and
     * Twilio is never called twice.
     */
    @Test
    void aDatabaseFailureRecordingTheSendEndsUnknownAndNeverSendsTwice() throws Exception {
        String caseId = openCase(randomMobile());
        String messageId = UUID.randomUUID().toString();
        try (DatabaseFault fault = DatabaseFault.failFirstAppend(jdbc, "SmsSent", messageId)) {
            sendTemplate(caseId, messageId);
            await(() -> Optional.ofNullable(latestState(caseId, messageId)).filter("unknown"::equals));
            assertThat(fault.attempts()).isEqualTo(1);
        }
        assertThat(TWILIO.received().stream().filter(r -> isFor(r, messageId))).hasSize(1);
        assertThat(entries(caseId).stream().map(e -> e.get("type")))
                .containsExactly("SmsRequested", "SmsSendStarted", "SmsOutcomeUnknown");
    }

    /**
     * An answer that does not read quotes the recipient's number in the SDK's message (Jackson quotes the token): the
     * stored {@code SmsOutcomeUnknown} keeps a fixed text for the kind of failure, never the message.
     */
    @Test
    void anUnknownOutcomeWhoseFailureQuotesTheNumberIsStoredWithoutIt() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String messageId = UUID.randomUUID().toString();
        TWILIO.mode(FakeTwilio.Mode.ECHO_UNREADABLE);
        try {
            sendTemplate(caseId, messageId);
            await(() -> Optional.ofNullable(latestState(caseId, messageId)).filter("unknown"::equals));
        } finally {
            TWILIO.mode(FakeTwilio.Mode.ACCEPT);
        }
        String unknown = new String(
                jdbc.queryForObject(
                        "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                                + " AND payloadtype LIKE '%SmsOutcomeUnknown'",
                        byte[].class, caseId),
                StandardCharsets.UTF_8);
        assertThat(unknown).contains("Twilio's answer was not readable").doesNotContain(phone.substring(1));
    }

    /**
     * Twilio never resends an inbound message we refuse, so replies racing each other to one case must all be
     * answered 200 and recorded once. On one node they queue on the case's lock; a race with another node is
     * sent again by the gate ({@code FollowUpDeadlinesOnTwoNodesTest.aCommandThatLostARaceWithTheOtherNodeIsSentAgainByTheGate}).
     */
    @Test
    void repliesRacingToOneCaseAreAllRecorded() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        awaitFoundByPhone(phone);
        List<String> sids = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String sid = randomSid();
                    sids.add(sid);
                    Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Svar " + sid);
                    String signature = TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form);
                    answers.add(senders.submit(() -> {
                        start.await();
                        return webhook("/twilio/sms", form, signature)
                                .returnResult(String.class)
                                .getStatus()
                                .value();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        for (String sid : sids) {
            assertThat(eventCount(sid)).as("events of %s", sid).isEqualTo(1);
        }
        await(() -> Optional.of(true)
                .filter(x -> entries(caseId).stream()
                                .filter(e -> e.get("type").equals("SmsReceived"))
                                .count()
                        == sids.size()));
    }

    /**
     * A reply that came before the read side knew the sender's case was recorded as unmatched; Twilio's retry of
     * it, once the case is found, is routed differently but is the same message: answered 200, kept once.
     */
    @Test
    void aRetryRoutedDifferentlyIsTheMessageRecordedBefore() throws Exception {
        String phone = randomMobile();
        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Hej, det är jag");
        String signature = TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form);
        webhook("/twilio/sms", form, signature).expectStatus().isOk();

        openCase(phone);
        awaitFoundByPhone(phone);
        webhook("/twilio/sms", form, signature).expectStatus().isOk();

        assertThat(eventCount(sid)).isEqualTo(1);
    }

    /**
     * A signed status callback for a MessageSid whose status was recorded for another message: a contradiction no
     * retry resolves, answered as what it is (not "being handled right now"), and nothing recorded.
     */
    @Test
    void aStatusOfAMessageSidRecordedForAnotherMessageIsAConflictNamingTheReuse() throws Exception {
        String caseId = openCase(randomMobile());
        String messageId = UUID.randomUUID().toString();
        sendTemplate(caseId, messageId);
        String sid = awaitSent(caseId);
        twilioReportsDelivered(caseId, messageId, sid);
        int events = eventsOfCase(caseId);

        String otherUrl = "/twilio/sms/status?caseId=" + caseId + "&messageId=" + UUID.randomUUID();
        Map<String, String> form =
                Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", TWILIO_ACCOUNT);
        webhook(otherUrl, form, TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + otherUrl, form))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat((String) type).endsWith("message-sid-reused"))
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(sid).contains("delivered"));

        assertThat(eventsOfCase(caseId)).isEqualTo(events);
    }

    /**
     * The unmatched message's event holds tokens only (no number, mask, blind index or text), and the feed shows
     * the mask and text made from them.
     */
    @Test
    void aReplyFromANumberWithoutAnOpenCaseGoesToTheUnmatchedFeedAsTokensOnly() throws Exception {
        String sid = randomSid();
        String phone = randomMobile();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Vem är det här?");
        String signature = TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form);

        webhook("/twilio/sms", form, signature).expectStatus().isOk();
        webhook("/twilio/sms", form, signature).expectStatus().isOk();

        await(() -> reader.feed("sms/unmatched", null, 1000).stream()
                .filter(e -> sid.equals(e.fields().get("messageSid")))
                .findFirst());
        assertThat(reader.feed("sms/unmatched", null, 1000).stream()
                        .filter(e -> sid.equals(e.fields().get("messageSid"))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.fields().get("text")).isEqualTo("Vem är det här?");
                    assertThat(e.fields().get("from")).isEqualTo(se.caseflow.domain.personal.Masks.phone(e164(phone)));
                });
        String event = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') || convert_from(metadata, 'UTF8') FROM domainevententry"
                        + " WHERE payloadtype LIKE '%.UnmatchedSmsReceived' AND convert_from(payload, 'UTF8') LIKE ?",
                String.class, "%" + sid + "%");
        assertThat(event)
                .contains("pd1.")
                .doesNotContain(
                        "Vem är",
                        e164(phone),
                        e164(phone).substring(1),
                        phone,
                        phone.substring(1),
                        "****",
                        vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164(phone)));
    }

    /**
     * Once the applicant is erased, their case no longer takes SMS from their number, even right after the
     * erasure answered (the read side may still route the number there until it handled the erasure): the message is kept
     * as unmatched, under a subject of its own, and nothing on the case names them.
     */
    @Test
    void aMessageFromAnErasedApplicantsNumberIsNotRecordedOnTheirCase() throws Exception {
        String phone = randomMobile();
        String personalNumber = "19750505-1230";
        String caseId = openCase(phone, personalNumber);
        awaitFoundByPhone(phone);
        int eventsBefore = eventsOfCase(caseId);

        erase(personalNumber);
        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Hej, det är jag igen");
        webhook("/twilio/sms", form, TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form))
                .expectStatus()
                .isOk();

        await(() -> Optional.of(true).filter(x -> eventCount(sid) > 0));
        assertThat(jdbc.queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                        String.class,
                        "%" + sid + "%"))
                .containsExactly("se.caseflow.domain.api.UnmatchedSmsReceived");
        assertThat(eventsOfCase(caseId))
                .as("nothing new on the erased person's case")
                .isEqualTo(eventsBefore);
    }

    /**
     * An unmatched message from a person's number goes with the person: the erasure shreds its subject too,
     * and once the erasure's status is DONE the unmatched feed no longer shows it.
     */
    @Test
    void anErasureTakesTheUnmatchedMessagesFromThePersonsNumberWithIt() throws Exception {
        String phone = randomMobile();
        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Hej, vem ringde mig?");
        webhook("/twilio/sms", form, TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form))
                .expectStatus()
                .isOk();
        await(() -> reader.feed("sms/unmatched", null, 1000).stream()
                .filter(e -> sid.equals(e.fields().get("messageSid")))
                .findFirst());
        String personalNumber = "19750505-1248";
        openCase(phone, personalNumber);
        awaitFoundByPhone(phone);

        String location = erase(personalNumber);
        await(() -> Optional.ofNullable(twilioSide
                        .get()
                        .uri(location)
                        .headers(h ->
                                h.setBasicAuth(se.caseflow.web.TestUsers.OPS, se.caseflow.web.TestUsers.OPS_PASSWORD))
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .filter(status -> status.contains("\"status\":\"DONE\"")));

        assertThat(reader.feed("sms/unmatched", null, 1000))
                .noneMatch(e -> sid.equals(e.fields().get("messageSid")));
        String body = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                        + " WHERE payloadtype LIKE '%.UnmatchedSmsReceived' AND convert_from(payload, 'UTF8') LIKE ?",
                String.class, "%" + sid + "%");
        String token = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body)
                .at("/body/token")
                .asText();
        assertThat(unwrapper.unwrap(token, TrustedCaller.STAFF_PROJECTION, "test"))
                .as("the message's own key went with the person")
                .isInstanceOf(Unwrapped.Erased.class);
    }

    /**
     * What the SMS saga and the Twilio webhooks record goes through the internal gate only: the staff command API
     * does not know those commands, so a staff user cannot forge a delivery state or an inbound message.
     */
    @Test
    void theSagasAndWebhooksCommandsAreUnknownToTheCommandApiAndChangeNothing() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String messageId = UUID.randomUUID().toString();
        sendTemplate(caseId, messageId);
        String sid = awaitSent(caseId);
        int events = eventsOfCase(caseId);
        String forgedSid = randomSid();
        String statusKey = "twilio-status:" + sid + ":delivered:";

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put(
                "RecordSmsStatus",
                "{\"caseId\":\"%s\",\"messageId\":\"%s\",\"messageSid\":\"%s\",\"status\":\"DELIVERED\"}"
                        .formatted(caseId, messageId, sid));
        forged.put(
                "ReceiveSms",
                "{\"caseId\":\"%s\",\"messageSid\":\"%s\",\"from\":\"%s\",\"body\":\"Betala till mig\",\"openCasesForSender\":1}"
                        .formatted(caseId, forgedSid, e164(phone)));
        forged.put(
                "RecordSmsSent",
                "{\"caseId\":\"%s\",\"messageId\":\"%s\",\"messageSid\":\"%s\",\"status\":\"queued\"}"
                        .formatted(caseId, messageId, forgedSid));
        forged.forEach((type, body) -> http.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", statusKey)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://caseflow.se/problems/unknown-command"));

        assertThat(eventsOfCase(caseId)).isEqualTo(events);
        assertThat(eventCount(forgedSid)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, statusKey))
                .isZero();
        assertThat(latestState(caseId, messageId)).isNotEqualTo("delivered");

        // Twilio's own signed callback still moves the message, through the internal gate
        twilioReportsDelivered(caseId, messageId, sid);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, statusKey))
                .isEqualTo(1);
    }

    /**
     * Each gate keeps its own idempotency keys: a staff command sent with the key Twilio's status callback will
     * use is a staff key, and the real callback is still answered 200 and recorded through the internal gate.
     */
    @Test
    void aStaffCommandWithATwilioKeyDoesNotBlockTwilio() throws Exception {
        String caseId = openCase(randomMobile());
        String messageId = UUID.randomUUID().toString();
        sendTemplate(caseId, messageId);
        String sid = awaitSent(caseId);
        String statusKey = "twilio-status:" + sid + ":delivered:";
        String note = "{\"caseId\":\"%s\",\"text\":\"Levererat?\"}".formatted(caseId);

        for (int attempt = 0; attempt < 2; attempt++) { // the repeat gets the first answer: a staff key
            http.post()
                    .uri("/api/commands/AddNote")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", statusKey)
                    .bodyValue(note)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        twilioReportsDelivered(caseId, messageId, sid);
        assertThat(jdbc.queryForList(
                        "SELECT gate FROM idempotency_key WHERE idem_key = ? ORDER BY gate", String.class, statusKey))
                .containsExactly("internal", "staff");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                        Integer.class,
                        caseId,
                        "%NoteAdded"))
                .isEqualTo(1);
    }

    @Test
    void staffSeeTheLengthAndSegmentsBeforeSending() {
        http.get()
                .uri(b -> b.path("/api/sms/length")
                        .queryParam("text", "Hej {text}")
                        .build("då 😀"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.encoding")
                .isEqualTo("UCS2")
                .jsonPath("$.segments")
                .isEqualTo(1);
        http.get()
                .uri("/api/sms/templates")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].templateId")
                .isEqualTo("IDENTITY_CHECKED")
                .jsonPath("$[0].encoding")
                .isEqualTo("GSM7");
        twilioSide.get().uri("/api/sms/templates").exchange().expectStatus().isUnauthorized();
    }

    /** Twilio's signed status callback {@code delivered}, answered 200, then the message shown delivered. */
    private void twilioReportsDelivered(String caseId, String messageId, String sid) throws InterruptedException {
        String statusUrl = "/twilio/sms/status?caseId=" + caseId + "&messageId=" + messageId;
        Map<String, String> form =
                Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", TWILIO_ACCOUNT);
        webhook(statusUrl, form, TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + statusUrl, form))
                .expectStatus()
                .isOk();
        await(() -> Optional.of(true).filter(x -> "delivered".equals(latestState(caseId, messageId))));
    }

    private WebTestClient.ResponseSpec webhook(String pathAndQuery, Map<String, String> form, String signature) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return twilioSide
                .post()
                .uri(pathAndQuery)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Twilio-Signature", signature);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }

    /** Inbound messages find the sender's case through the read side; wait until it knows this one. */
    /** Erases the person through the ops API (202); the erasure's status location. */
    private String erase(String personalNumber) {
        return twilioSide
                .post()
                .uri("/api/ops/erasures")
                .headers(h -> h.setBasicAuth(se.caseflow.web.TestUsers.OPS, se.caseflow.web.TestUsers.OPS_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"personalNumber\": \"" + personalNumber + "\", \"reason\": \"GDPR-41\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .returnResult(String.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
    }

    private void awaitFoundByPhone(String phone) throws InterruptedException {
        String view = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164(phone));
        await(() -> Optional.of(true).filter(x -> reader.view(view, 0, 1).count() > 0));
    }

    private boolean inView(String caseId) {
        return reader.view("view/unanswered-sms", 0, 10_000).members().stream()
                .anyMatch(m -> m.caseId().equals(caseId));
    }

    private int eventCount(String text) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class,
                "%" + text + "%");
    }

    private void sendTemplate(String caseId, String messageId) {
        post(
                "SendSms",
                "{\"caseId\":\"" + caseId + "\",\"messageId\":\"" + messageId + "\",\"templateId\":\"OFFERS_READY\"}");
    }

    /** The MessageSid of the case's (one) message once SmsSent is on the read side. */
    private String awaitSent(String caseId) throws InterruptedException {
        return await(() -> entries(caseId).stream()
                .filter(e -> e.get("type").equals("SmsSent"))
                .map(e -> e.get("messageSid"))
                .findFirst());
    }

    private int eventsOfCase(String caseId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, caseId);
    }

    private List<Map<String, String>> entries(String caseId) {
        return reader.feed("case/" + caseId + "/sms", null, 1000).stream()
                .map(ProjectionReader.FeedEntry::fields)
                .toList();
    }

    private String latestState(String caseId, String messageId) {
        String state = null;
        for (Map<String, String> entry : entries(caseId)) {
            if (messageId.equals(entry.get("messageId"))) {
                state = entry.get("state");
            }
        }
        return state;
    }

    private static Optional<FakeTwilio.Received> sentTo(String messageId) {
        return TWILIO.received().stream().filter(r -> isFor(r, messageId)).findFirst();
    }

    private static boolean isFor(FakeTwilio.Received request, String messageId) {
        return request.form().getOrDefault("StatusCallback", "").endsWith("messageId=" + messageId);
    }

    static String randomMobile() {
        return "070" + String.format("%07d", RANDOM.nextInt(10_000_000));
    }

    static String e164(String swedishMobile) {
        return "+46" + swedishMobile.substring(1);
    }

    static String randomSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private String openCase(String phone) {
        return openCase(phone, "19121212-1212");
    }

    private String openCase(String phone, String personalNumber) {
        return post("OpenCase", CommandPayloads.openCase(personalNumber, phone))
                .get("caseId")
                .asText();
    }

    private JsonNode post(String type, String body) {
        return http.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not there within 60 s");
    }
}
