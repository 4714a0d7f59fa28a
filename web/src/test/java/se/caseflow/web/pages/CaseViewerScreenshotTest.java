package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * Makes the README's screenshot of the case viewer ({@code docs/case-viewer.png}): a few realistic cases
 * opened through the command gate on a database and Redis prefix of their own (so no other test's cases
 * show), the Today view in headless Chromium, saved as PNG. Written to {@code target/case-viewer.png}, or
 * where {@code -Dcaseflow.screenshot=...} says (docs/pages.md, "The screenshot").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
// an application of its own: closed afterwards, so its processors do not load the tests after it
@DirtiesContext
class CaseViewerScreenshotTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("screenshot");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("screenshot");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
    }

    private record Applicant(String personalNumber, String first, String last, String mobile, String city) {}

    private record Loan(Applicant applicant, long amount, int term, String purpose, long income, String work) {}

    private static final List<Loan> CASES = List.of(
            new Loan(
                    new Applicant("19850314-2385", "Sara", "Lindqvist", "070-412 55 81", "Uppsala"),
                    250_000,
                    84,
                    "CONSOLIDATION",
                    46_500,
                    "PERMANENT"),
            new Loan(
                    new Applicant("19920729-1247", "Johan", "Bergström", "073-981 20 44", "Göteborg"),
                    85_000,
                    60,
                    "CAR",
                    38_200,
                    "PERMANENT"),
            new Loan(
                    new Applicant("19770101-4560", "Maria", "Eriksson", "076-305 77 10", "Malmö"),
                    400_000,
                    144,
                    "HOME_IMPROVEMENT",
                    61_000,
                    "SELF_EMPLOYED"),
            new Loan(
                    new Applicant("19640228-3318", "Anders", "Nyström", "070-855 13 92", "Västerås"),
                    60_000,
                    36,
                    "CONSUMPTION",
                    29_800,
                    "RETIRED"),
            new Loan(
                    new Applicant("19121212-1212", "Tolvan", "Tolvansson", "070-174 06 05", "Stockholm"),
                    150_000,
                    60,
                    "CONSOLIDATION",
                    42_000,
                    "PERMANENT"));

    private static final Loan WITHDRAWN = new Loan(
            new Applicant("19881212-0015", "Erik", "Holm", "072-640 18 33", "Örebro"),
            120_000,
            72,
            "CAR",
            33_400,
            "TEMPORARY");

    /** Opened while the view is shown. */
    private static final Loan LATE = new Loan(
            new Applicant("19900101-0017", "Lina", "Ek", "070-222 33 44", "Luleå"),
            90_000,
            48,
            "CAR",
            35_000,
            "PERMANENT");

    @LocalServerPort
    int port;

    @Autowired
    CommandGate gate;

    /**
     * The Today view lists every case opened today (not the withdrawn one) and a case opened while it is shown
     * appears without a reload; the picture is taken before that. Each wait fails the test, naming what it waited for.
     */
    @Test
    void theTodayViewListsTodaysCasesAndShowsANewOneLive() throws IOException {
        String withdrawn = submit("OpenCase", openCase(WITHDRAWN));
        submit("CloseCase", JSON.createObjectNode().put("caseId", withdrawn).put("reason", "WITHDRAWN_BY_APPLICANT"));
        List<String> opened = new ArrayList<>();
        for (Loan loan : CASES) {
            String caseId = submit("OpenCase", openCase(loan));
            opened.add(caseId);
            if (loan.applicant().first().equals("Johan")) {
                submit("AddNote", JSON.createObjectNode().put("caseId", caseId).put("text", "Payslips received"));
            }
        }

        Path out = Path.of(System.getProperty("caseflow.screenshot", "target/case-viewer.png"));
        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
            browser.open("/cases?view=today");
            browser.live();
            browser.mark();
            browser.until(d -> caseIds(d).containsAll(opened));

            assertThat(caseIds(browser.driver)).containsExactlyInAnyOrderElementsOf(opened);
            assertThat(browser.all(By.cssSelector("tr[data-case-id]")).stream()
                            .map(WebElement::getText)
                            .collect(Collectors.joining("\n")))
                    .contains(
                            CASES.stream().map(loan -> loan.applicant().first()).toList())
                    .doesNotContain(WITHDRAWN.applicant().first() + " "
                            + WITHDRAWN.applicant().last());
            byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isGreaterThan(1000);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, png);

            String live = submit("OpenCase", openCase(LATE));
            browser.until(d -> caseIds(d).contains(live));
            assertThat(browser.sameDocument()).as("no reload").isTrue();
            assertThat(caseIds(browser.driver)).hasSize(CASES.size() + 1);
        }
    }

    private static List<String> caseIds(WebDriver driver) {
        return driver.findElements(By.cssSelector("tr[data-case-id]")).stream()
                .map(row -> row.getDomAttribute("data-case-id"))
                .toList();
    }

    private String submit(String type, JsonNode payload) {
        CommandOutcome outcome = gate.submit(new CommandRequest(type, payload, null, "screenshot"));
        assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
        return ((CommandOutcome.Accepted) outcome).aggregateId();
    }

    private static JsonNode openCase(Loan loan) {
        Applicant a = loan.applicant();
        return JSON.valueToTree(java.util.Map.of(
                "applicant",
                java.util.Map.of(
                        "personalNumber", a.personalNumber(),
                        "firstName", a.first(),
                        "lastName", a.last(),
                        "mobilePhone", a.mobile(),
                        "email", a.first().toLowerCase() + "@example.se",
                        "address", java.util.Map.of("street", "Storgatan 1", "postalCode", "111 22", "city", a.city())),
                "loan",
                java.util.Map.of("amountSek", loan.amount(), "termMonths", loan.term(), "purpose", loan.purpose()),
                "income",
                java.util.Map.of("monthlyGrossSek", loan.income(), "employmentType", loan.work())));
    }
}
