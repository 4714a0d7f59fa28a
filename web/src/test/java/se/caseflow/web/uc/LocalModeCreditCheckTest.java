package se.caseflow.web.uc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * The default (laptop) mode: no UC endpoint, so the UC simulator answers over SOAP, for Skatteverket's test
 * personnummer only; the whole flow runs on the embedded database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalModeCreditCheckTest {

    @TempDir
    static Path dataDirectory;

    static final RedisTestPrefix REDIS = RedisTestPrefix.create("uc-local");
    static final ObjectMapper JSON = new ObjectMapper();

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
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Test
    void tolvanTolvanssonGetsTheSimulatedReportAndAnUnknownPersonIsNotFound() throws Exception {
        String tolvan = open("19121212-1212", "Tolvan", "Tolvansson");
        JsonNode report = await(tolvan, "credit-check-received").at("/checks/applicant/report");
        assertThat(report.get("risk").asText()).isEqualTo("2,4 %");
        assertThat(report.get("yearlyIncomeSek").asLong()).isEqualTo(312_000);
        assertThat(report.get("paymentRemarks").asInt()).isZero();

        String stranger = open(UcNodes.personalNumber(777), "Tolvan", "Tolvansson");
        JsonNode rejected = await(stranger, "identity-rejected");
        assertThat(rejected.at("/checks/applicant/identityReason").asText()).isEqualTo("NOT_FOUND");
        assertThat(reader.view("view/needs-attention", 0, 100).members())
                .anyMatch(m -> m.caseId().equals(stranger));
    }

    private String open(String personalNumber, String firstName, String lastName) throws Exception {
        String body = UcNodes.openCase(personalNumber)
                .replace("\"Tolvan\"", "\"" + firstName + "\"")
                .replace("\"Tolvansson\"", "\"" + lastName + "\"");
        byte[] answer = http.post()
                .uri("/api/commands/OpenCase")
                .headers(h -> h.setBasicAuth("anna", "anna-dev-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(answer).get("caseId").asText();
    }

    private JsonNode await(String caseId, String status) throws Exception {
        return UcNodes.awaitDocument(reader, caseId, d -> UcNodes.status(d).equals(status));
    }
}
