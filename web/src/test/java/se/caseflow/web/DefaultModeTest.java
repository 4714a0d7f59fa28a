package se.caseflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * The default mode a newcomer runs: no profile, embedded H2 file database and generated key material,
 * here in a temporary directory instead of ./data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultModeTest {

    @TempDir
    static Path dataDirectory;

    static final RedisTestPrefix REDIS = RedisTestPrefix.create("default-mode");

    static {
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @DynamicPropertySource
    static void dataUnderTemporaryDirectory(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDirectory.resolve("caseflow")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add(
                "caseflow.secrets.key-file",
                () -> dataDirectory.resolve("keys.json").toString());
        registry.add("caseflow.redis.key-prefix", REDIS::prefix);
        // the command side alone; the UC simulator of this mode is exercised by LocalModeCreditCheckTest
        registry.add("caseflow.uc.enabled", () -> "false");
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void opensNotesAndClosesACaseOnTheEmbeddedDatabase() {
        JsonNode opened = post("OpenCase", OPEN_CASE, "default-mode-1");
        String caseId = opened.get("caseId").asText();
        assertThat(post("OpenCase", OPEN_CASE, "default-mode-1")).isEqualTo(opened);
        post("AddNote", "{\"caseId\":\"" + caseId + "\",\"text\":\"Payslip received\"}", null);
        post("CloseCase", "{\"caseId\":\"" + caseId + "\",\"reason\":\"PAID_OUT\"}", null);

        assertThat(jdbc.queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                        String.class,
                        caseId))
                .containsExactly(
                        "se.caseflow.domain.api.CaseOpened",
                        "se.caseflow.domain.api.NoteAdded",
                        "se.caseflow.domain.api.CaseClosed");
        assertThat(dataDirectory.resolve("keys.json")).exists();
    }

    @Test
    void withoutTwilioCredentialsAnSmsGoesToTheOutboxMarkedNotSent() throws InterruptedException {
        String caseId = post("OpenCase", OPEN_CASE, null).get("caseId").asText();
        String messageId = java.util.UUID.randomUUID().toString();
        post(
                "SendSms",
                "{\"caseId\":\"" + caseId + "\",\"messageId\":\"" + messageId
                        + "\",\"templateId\":\"DEBT_LETTER_SENT\"}",
                null);

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String page = "";
        while (System.nanoTime() < deadline && !page.contains(caseId)) {
            Thread.sleep(100);
            page = http.get()
                    .uri("/sms/outbox")
                    .headers(h -> h.setBasicAuth("anna", "anna-dev-password"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
        assertThat(page)
                .contains(caseId, "LOCAL MODE: these SMS were NOT SENT", "NOT SENT", "+4670*****05")
                .contains(org.springframework.web.util.HtmlUtils.htmlEscape(
                        se.caseflow.domain.api.SmsTemplate.DEBT_LETTER_SENT.text()))
                .doesNotContain("+46701740605");
        assertThat(jdbc.queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                        String.class,
                        caseId))
                .endsWith("se.caseflow.domain.api.SmsSendStarted", "se.caseflow.domain.api.SmsSent");
        // no auth token and no public URL: no webhook can be verified, so none is accepted
        http.post()
                .uri("/twilio/sms")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", "anything")
                .bodyValue("MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B46701740605&Body=Hej")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private JsonNode post(String type, String body, String key) {
        // the first command creates key material on a cold JVM; a busy machine needs more than the default 5 s
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBasicAuth("anna", "anna-dev-password"); // the documented dev user
                    if (key != null) {
                        h.add("Idempotency-Key", key);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static final String OPEN_CASE = """
            {"applicant": {"personalNumber": "121212-1212", "firstName": "Tolvan", "lastName": "Tolvansson",
              "mobilePhone": "+46 70 174 06 05", "email": "tolvan@example.se",
              "address": {"street": "Storgatan 1", "postalCode": "11122", "city": "Stockholm"}},
             "loan": {"amountSek": 50000, "termMonths": 24, "purpose": "CAR"},
             "income": {"monthlyGrossSek": 30000, "employmentType": "RETIRED"}}
            """;
}
