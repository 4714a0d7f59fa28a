package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.MultiValueMap;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * The whole application with bidding, on a database and Redis prefix of its own: the UC simulator answers the
 * identity check and the credit report of Tolvan Tolvansson (risk 2,4 %: class 3, no remarks), so a case opened
 * through the staff form goes the real way into bidding (credit-check saga, bidding saga, {@code OpenBidding}).
 * Two test partners: A lends 10 000–500 000 kr, B 200 000–800 000 kr; a 150 000 kr case is offered to A alone, a
 * 300 000 kr case to both. The window is an hour, longer than any browser flow on a slow machine; a test that
 * needs it closed makes its deadline due.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
abstract class BiddingApplicationTest {

    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("bidpages");
    static final RedisTestPrefix REDIS = RedisTestPrefix.create("bidpages");
    static final Duration WINDOW = Duration.ofHours(1);
    static final long ONLY_A = 150_000;
    static final long BOTH = 300_000;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @DynamicPropertySource
    static void bidding(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
        registry.add("caseflow.uc.enabled", () -> "true");
        registry.add("caseflow.uc.simulator", () -> "true");
        registry.add("caseflow.allow.simulated-uc", () -> "true");
        registry.add("caseflow.bidding.window", WINDOW::toString);
        partner(registry, 0, TestUsers.PARTNER_A_ID, "Alfa Bank", 10_000, 500_000);
        partner(registry, 1, TestUsers.PARTNER_B_ID, "Beta Kredit", 200_000, 800_000);
    }

    private static void partner(
            DynamicPropertyRegistry registry, int index, String id, String name, long minAmount, long maxAmount) {
        String partner = "caseflow.bidding.partners[" + index + "].";
        registry.add(partner + "id", () -> id);
        registry.add(partner + "name", () -> name);
        registry.add(partner + "min-amount-sek", () -> minAmount);
        registry.add(partner + "max-amount-sek", () -> maxAmount);
        registry.add(partner + "min-term-months", () -> 12);
        registry.add(partner + "max-term-months", () -> 120);
        registry.add(partner + "minimum-risk-class", () -> 2);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProjectionReader reader;

    /** Opens a case for Tolvan through the staff form and waits until bidding on it opened. */
    String caseInBidding(FormSession staff, long amountSek) {
        MultiValueMap<String, String> form =
                CaseMakerFormTest.openCaseForm(UUID.randomUUID().toString());
        form.set("loan.amountSek", Long.toString(amountSek));
        String location = CaseMakerFormTest.openCase(staff, form);
        String caseId = location.substring("/cases/".length());
        awaitDocument(
                "case/" + caseId, doc -> "open".equals(doc.at("/bidding/status").asText()));
        return caseId;
    }

    /** Waits until the document exists and satisfies the condition, and returns it. */
    JsonNode awaitDocument(String key, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<JsonNode> doc = document(key);
            if (doc.isPresent() && condition.test(doc.get())) {
                return doc.get();
            }
            assertThat(System.nanoTime()).as("waiting for " + key).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Optional<JsonNode> document(String key) {
        return reader.document(key).map(d -> {
            try {
                return JSON.readTree(d.json());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
