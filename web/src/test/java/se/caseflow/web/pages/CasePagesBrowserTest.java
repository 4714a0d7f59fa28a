package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * The pages in real headless Chromium, two sessions of the same staff user: one works (case-maker, notes,
 * closing), the other watches the case viewer and must see every change without a reload. The steps build
 * on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CasePagesBrowserTest extends PostgresApplicationTest {

    private static final Pattern CASE_URL = Pattern.compile("/cases/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;

    private Browser worker;
    private Browser watcher;
    private String caseId;

    @BeforeAll
    void startBrowsers() {
        worker = new Browser("http://localhost:" + port);
        watcher = new Browser("http://localhost:" + port);
    }

    @AfterAll
    void quitBrowsers() {
        if (worker != null) {
            worker.close();
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    @Order(1)
    void staffSignInThroughTheForm() {
        worker.open("/cases");
        worker.until(d -> d.getCurrentUrl().endsWith("/login"));
        worker.signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        worker.until(d -> d.getCurrentUrl().endsWith("/cases"));
        assertThat(worker.text(By.cssSelector(".user"))).contains(TestUsers.STAFF);

        watcher.signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        watcher.open("/cases?view=today");
        watcher.live();
        watcher.mark();
    }

    @Test
    @Order(2)
    void aFormWithErrorsShowsEachNextToItsFieldAndKeepsWhatWasTyped() {
        worker.open("/cases/new");
        fillApplicant("19121212-1213", "Tolvan", "");
        worker.type(By.id("f-loan-amountSek"), "1000");
        worker.type(By.id("f-loan-termMonths"), "60");
        worker.choose(By.id("f-loan-purpose"), "CONSOLIDATION");
        worker.type(By.id("f-income-monthlyGrossSek"), "42 000");
        worker.choose(By.id("f-income-employmentType"), "PERMANENT");
        worker.driver
                .findElement(By.cssSelector("main form button[type=submit]"))
                .click();

        worker.until(
                d -> !d.findElements(By.cssSelector("[data-error-summary]")).isEmpty());
        assertThat(worker.text(By.id("f-applicant-personalNumber-error")))
                .contains("valid Swedish personal identity number");
        assertThat(worker.text(By.id("f-applicant-lastName-error"))).isEqualTo("Required.");
        assertThat(worker.text(By.id("f-loan-amountSek-error"))).isEqualTo("Must be at least 5000.");
        assertThat(worker.all(By.cssSelector(".field-error"))).hasSize(3);
        assertThat(worker.driver.findElement(By.id("f-applicant-lastName")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(worker.value(By.id("f-applicant-personalNumber"))).isEqualTo("19121212-1213");
        assertThat(worker.value(By.id("f-applicant-firstName"))).isEqualTo("Tolvan");
        assertThat(worker.value(By.id("f-applicant-email"))).isEqualTo("tolvan@example.se");
        assertThat(worker.value(By.id("f-loan-amountSek"))).isEqualTo("1000");
        assertThat(worker.value(By.id("f-income-monthlyGrossSek"))).isEqualTo("42 000");
        assertThat(worker.value(By.id("f-loan-purpose"))).isEqualTo("CONSOLIDATION");
        assertThat(worker.value(By.id("f-income-employmentType"))).isEqualTo("PERMANENT");
    }

    @Test
    @Order(3)
    void theFixedFormOpensTheCaseAndAWatcherSeesItInTodayWithoutReload() {
        long todayBefore = count(watcher, "today");
        worker.type(By.id("f-applicant-personalNumber"), "19121212-1212");
        worker.type(By.id("f-applicant-lastName"), "Tolvansson");
        worker.type(By.id("f-loan-amountSek"), "150 000");
        worker.driver
                .findElement(By.cssSelector("main form button[type=submit]"))
                .click();

        String url = worker.until(d -> CASE_URL.matcher(d.getCurrentUrl()).find() ? d.getCurrentUrl() : null);
        Matcher matcher = CASE_URL.matcher(url);
        assertThat(matcher.find()).isTrue();
        caseId = matcher.group(1);
        assertThat(worker.text(By.cssSelector("h1"))).isEqualTo("Tolvan Tolvansson");

        By row = By.cssSelector("tr[data-case-id='" + caseId + "']");
        WebElement appeared =
                watcher.until(d -> d.findElements(row).stream().findFirst().orElse(null));
        watcher.until(d -> appeared.getText().contains("Tolvan Tolvansson"));
        assertThat(appeared.getText())
                .contains("150 000 kr")
                .contains("60 months")
                .contains("19121212-****")
                .contains("Review the application");
        watcher.until(d -> count(watcher, "today") > todayBefore);
        assertThat(watcher.sameDocument()).as("no reload").isTrue();
    }

    @Test
    @Order(4)
    void aNoteWithErrorsIsRefusedNextToItsField() {
        worker.until(d -> !d.findElements(By.cssSelector("[data-note-form]")).isEmpty());
        worker.driver
                .findElement(By.cssSelector("[data-note-form] button[type=submit]"))
                .click();
        worker.until(d -> !d.findElements(By.id("f-text-error")).isEmpty());
        assertThat(worker.text(By.id("f-text-error"))).isEqualTo("Required.");
    }

    @Test
    @Order(5)
    void aNoteGrowsTheTimelineLiveInAnotherSession() {
        watcher.open("/cases/" + caseId);
        watcher.live();
        watcher.mark();
        assertThat(timeline(watcher)).hasSize(1);

        addNote("Called the applicant, payslips on the way");

        watcher.until(d -> timeline(watcher).size() == 2);
        assertThat(timeline(watcher).get(1)).contains("Note 1 added: Called the applicant, payslips on the way");
        watcher.until(d -> watcher.text(By.cssSelector("[data-doc=notes]")).equals("1"));
        assertThat(watcher.sameDocument()).as("no reload").isTrue();
    }

    @Test
    @Order(6)
    void aReconnectResumesTheTimelineWithoutRepeatingOrLosingEntries() {
        watcher.script("caseflow.docs.disconnect();");
        addNote("Second note, while the watcher was away");
        addNote("Third note");
        assertThat(timeline(watcher)).as("nothing arrives while disconnected").hasSize(2);

        watcher.script("caseflow.docs.connect();");
        watcher.live();
        watcher.until(d -> timeline(watcher).size() >= 4);
        List<String> entries = timeline(watcher);
        assertThat(entries).hasSize(4);
        assertThat(entries.get(2)).contains("Note 2 added: Second note, while the watcher was away");
        assertThat(entries.get(3)).contains("Note 3 added: Third note");
        assertThat(watcher.all(By.cssSelector("[data-timeline] li")).stream()
                        .map(li -> li.getDomAttribute("data-entry-id"))
                        .distinct())
                .hasSize(4);
        watcher.until(d -> watcher.text(By.cssSelector("[data-doc=notes]")).equals("3"));
        assertThat(watcher.sameDocument()).as("no reload").isTrue();
    }

    @Test
    @Order(7)
    void closingMovesTheCaseToClosedToday() {
        watcher.open("/cases?view=closed-today");
        watcher.live();
        watcher.mark();
        By row = By.cssSelector("tr[data-case-id='" + caseId + "']");
        assertThat(watcher.all(row)).isEmpty();

        worker.choose(By.id("f-reason"), "WITHDRAWN_BY_APPLICANT");
        worker.type(By.id("f-comment"), "Found a cheaper loan");
        worker.driver
                .findElement(By.cssSelector("[data-close-form] button[type=submit]"))
                .click();
        worker.until(d -> "CLOSED"
                .equals(d.findElement(By.cssSelector("[data-case-page]")).getDomAttribute("data-status")));
        assertThat(worker.driver.findElement(By.cssSelector("[data-note-form]")).isDisplayed())
                .isFalse();

        WebElement closed =
                watcher.until(d -> d.findElements(row).stream().findFirst().orElse(null));
        watcher.until(d -> closed.getText().contains("Closed: WITHDRAWN_BY_APPLICANT"));
        assertThat(closed.getText()).contains("Tolvan Tolvansson");
        assertThat(watcher.sameDocument()).as("no reload").isTrue();
    }

    /** Adds a note through the worker's form and waits until its own (reloaded) timeline shows it. */
    private void addNote(String text) {
        worker.until(d -> !d.findElements(By.id("f-text")).isEmpty());
        worker.type(By.id("f-text"), text);
        worker.driver
                .findElement(By.cssSelector("[data-note-form] button[type=submit]"))
                .click();
        worker.until(d -> timeline(worker).stream().anyMatch(entry -> entry.endsWith(text)));
    }

    private void fillApplicant(String personalNumber, String firstName, String lastName) {
        worker.type(By.id("f-applicant-personalNumber"), personalNumber);
        worker.type(By.id("f-applicant-firstName"), firstName);
        worker.type(By.id("f-applicant-lastName"), lastName);
        worker.type(By.id("f-applicant-mobilePhone"), "070-174 06 05");
        worker.type(By.id("f-applicant-email"), "tolvan@example.se");
        worker.type(By.id("f-applicant-address-street"), "Storgatan 1");
        worker.type(By.id("f-applicant-address-postalCode"), "111 22");
        worker.type(By.id("f-applicant-address-city"), "Stockholm");
    }

    private static long count(Browser browser, String view) {
        String text = browser.text(By.cssSelector("[data-view-key^='view/" + view + "'] [data-count]"));
        return Long.parseLong(text.strip());
    }

    private static List<String> timeline(Browser browser) {
        return browser.timeline();
    }
}
