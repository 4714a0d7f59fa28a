package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.web.BiddingWindow;
import se.caseflow.web.TestUsers;

/**
 * Partner bidding in real headless Chromium: two partners (two sessions, two partner users) see a case offered to
 * both appear live, bid at the same time, and see only their own bid; the window closes by its deadline; staff
 * accept one offer on the case page; the winner's page turns "Vunnen" (won) and the other's "Förlorad" (lost)
 * without a reload; the debt letter is sent, signed and the payout recorded, and the case moves through the
 * views: bidding, awaiting signature, closed today. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BiddingBrowserTest extends BiddingApplicationTest {

    /** What each partner bids: nothing of one may ever show on the other's pages. */
    private static final Bid A = new Bid("295 000", "5,95", "6,31", "5 800,00", "295 000 kr", "5 800,00 kr");

    private static final Bid B = new Bid("298 000", "6,45", "6,88", "5 870,50", "298 000 kr", "5 870,50 kr");

    private record Bid(
            String amount, String nominal, String effective, String monthly, String amountShown, String monthlyShown) {}

    @Autowired
    JdbcTemplate jdbc;

    private Browser staff;
    private Browser partnerA;
    private Browser partnerB;
    private String caseId;

    @BeforeAll
    void startBrowsers() {
        staff = new Browser("http://localhost:" + port);
        partnerA = new Browser("http://localhost:" + port);
        partnerB = new Browser("http://localhost:" + port);
    }

    @AfterAll
    void quitBrowsers() {
        for (Browser browser : new Browser[] {staff, partnerA, partnerB}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    @Order(1)
    void partnersSignInToTheirOwnPages() {
        staff.signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        partnerA.signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);
        partnerB.signIn(TestUsers.PARTNER_B, TestUsers.PARTNER_B_PASSWORD);
        for (Browser partner : List.of(partnerA, partnerB)) {
            partner.until(d -> d.getCurrentUrl().endsWith("/partner"));
            partner.live();
            partner.mark();
        }
    }

    @Test
    @Order(2)
    void aCaseInBiddingAppearsLiveForBothPartnersAndInTheBiddingView() {
        caseId = caseInBidding(FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD), BOTH);

        By row = By.cssSelector("tr[data-case-id='" + caseId + "']");
        for (Browser partner : List.of(partnerA, partnerB)) {
            WebElement offered =
                    partner.until(d -> d.findElements(row).stream().findFirst().orElse(null));
            partner.until(d -> offered.getText().contains("300 000 kr"));
            assertThat(offered.getText()).contains("60 months").contains("CAR").contains("30 000–44 999 kr");
            assertThat(partner.sameDocument()).as("no reload").isTrue();
        }
        staff.open("/cases?view=bidding");
        assertThat(staff.all(row)).hasSize(1);
    }

    @Test
    @Order(3)
    void bothPartnersBidAtTheSameTimeAndSeeOnlyTheirOwnBid() {
        for (Browser partner : List.of(partnerA, partnerB)) {
            partner.driver
                    .findElement(By.cssSelector("tr[data-case-id='" + caseId + "'] a[data-link]"))
                    .click();
            partner.until(
                    d -> !d.findElements(By.cssSelector("[data-bid-form]")).isEmpty());
            partner.live();
        }
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> bid(partnerA, A)),
                        CompletableFuture.runAsync(() -> bid(partnerB, B)))
                .join();

        taken(partnerA, A);
        taken(partnerB, B);
        // from here on each partner's case page must follow the case by itself
        partnerA.mark();
        partnerB.mark();
        assertThat(ownBid(partnerA)).contains("5,95 %").contains("6,31 %").contains(A.monthlyShown());
        assertThat(ownBid(partnerB)).contains("6,45 %").contains("6,88 %").contains(B.monthlyShown());

        staff.open("/cases/" + caseId);
        staff.live();
        staff.until(d -> d.findElements(By.cssSelector("[data-bids] tr")).size() == 2);
        assertThat(staff.text(By.cssSelector("[data-bids] tr[data-partner-id='partner-a']")))
                .contains("Alfa Bank")
                .contains(A.amountShown());
        assertThat(staff.text(By.cssSelector("[data-bidding-invited]")))
                .contains("Alfa Bank")
                .contains("Beta Kredit");
        sealed();
    }

    @Test
    @Order(4)
    void theWindowClosesAndStaffSeeTheOffersRanked() {
        staff.mark();
        // the window's hour passes once both bids are in (not while a slow browser is still bidding): its deadline,
        // made due now, fires by itself
        assertThat(BiddingWindow.closeNow(jdbc, caseId))
                .as("the case's one bidding-window deadline")
                .isEqualTo(1);
        staff.until(d -> d.findElements(By.cssSelector("[data-offers] tr")).size() == 2, Duration.ofSeconds(90));
        List<WebElement> offers = staff.all(By.cssSelector("[data-offers] tr"));
        assertThat(offers.get(0).getDomAttribute("data-partner-id")).isEqualTo(TestUsers.PARTNER_A_ID);
        assertThat(offers.get(0).getText()).contains("6,31 %").contains("Acceptera");
        assertThat(offers.get(1).getDomAttribute("data-partner-id")).isEqualTo(TestUsers.PARTNER_B_ID);
        assertThat(staff.sameDocument()).as("no reload").isTrue();

        for (Browser partner : List.of(partnerA, partnerB)) {
            partner.until(d -> "closed"
                    .equals(d.findElement(By.cssSelector("[data-partner-case]"))
                            .getDomAttribute("data-bidding-state")));
            assertThat(partner.driver
                            .findElement(By.cssSelector("[data-bid-form]"))
                            .isDisplayed())
                    .as("no bid form once closed")
                    .isFalse();
            assertThat(partner.sameDocument()).as("no reload").isTrue();
        }
        sealed();
    }

    @Test
    @Order(5)
    void staffAcceptOneOfferTheWinnerSeesWonAndTheOtherLost() {
        staff.driver
                .findElement(By.cssSelector("[data-offers] tr[data-partner-id='partner-b'] [data-accept-form] button"))
                .click();
        staff.until(
                d -> !d.findElement(By.cssSelector("[data-accepted]")).getText().isEmpty()
                        && d.findElement(By.cssSelector("[data-accepted]")).isDisplayed());
        assertThat(staff.text(By.cssSelector("[data-accepted]"))).contains("Beta Kredit");

        partnerB.until(d -> "won".equals(outcome(partnerB)));
        partnerA.until(d -> "lost".equals(outcome(partnerA)));
        assertThat(partnerB.text(By.cssSelector("[data-partner-case] [data-outcome]")))
                .isEqualTo("Vunnen");
        assertThat(partnerA.text(By.cssSelector("[data-partner-case] [data-outcome]")))
                .isEqualTo("Förlorad");
        assertThat(partnerA.sameDocument() && partnerB.sameDocument())
                .as("no reload")
                .isTrue();

        keepPicture(partnerB, "partner-case-won.png");
        keepPicture(staff, "case-bidding.png");
        for (Browser partner : List.of(partnerA, partnerB)) {
            partner.open("/partner");
            partner.live();
        }
        partnerA.until(d -> "lost"
                .equals(d.findElement(By.cssSelector("tr[data-case-id='" + caseId + "'] [data-outcome]"))
                        .getDomAttribute("data-outcome")));
        partnerB.until(d -> "won"
                .equals(d.findElement(By.cssSelector("tr[data-case-id='" + caseId + "'] [data-outcome]"))
                        .getDomAttribute("data-outcome")));
        keepPicture(partnerA, "partner-offers.png");
        sealed();
    }

    @Test
    @Order(6)
    void theDebtLetterMovesTheCaseThroughTheViewsToClosedToday() {
        By row = By.cssSelector("tr[data-case-id='" + caseId + "']");
        click(By.cssSelector("[data-send-letter-form] button"));
        staff.until(
                d -> d.findElement(By.cssSelector("[data-letter-signed-form]")).isDisplayed());
        assertThat(staff.text(By.cssSelector("[data-debt-letter-state]"))).contains("waiting for the signature");
        staff.open("/cases?view=awaiting-signature");
        assertThat(staff.all(row)).hasSize(1);
        staff.open("/cases?view=bidding");
        assertThat(staff.all(row)).isEmpty();

        staff.open("/cases/" + caseId);
        click(By.cssSelector("[data-letter-signed-form] button"));
        staff.until(d -> d.findElement(By.cssSelector("[data-payout-form]")).isDisplayed());
        staff.type(By.id("f-amountSek"), "298 000");
        click(By.cssSelector("[data-payout-form] button"));
        staff.until(d -> "CLOSED"
                .equals(d.findElement(By.cssSelector("[data-case-page]")).getDomAttribute("data-status")));
        staff.until(d -> d.findElement(By.cssSelector("[data-debt-letter-state]"))
                .getText()
                .contains("Paid out 298 000 kr"));

        staff.open("/cases?view=awaiting-signature");
        assertThat(staff.all(row)).isEmpty();
        staff.open("/cases?view=closed-today");
        assertThat(staff.all(row)).hasSize(1);
    }

    /** A picture of the page in target/ for a person to look at (nothing reads it). */
    private static void keepPicture(Browser browser, String name) {
        try {
            Files.write(Path.of("target", name), browser.driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void click(By button) {
        staff.until(d -> d.findElement(button).isDisplayed());
        staff.driver.findElement(button).click();
    }

    private static void bid(Browser partner, Bid bid) {
        partner.type(By.id("f-amountSek"), bid.amount());
        partner.type(By.id("f-nominalRate"), bid.nominal());
        partner.type(By.id("f-effectiveRate"), bid.effective());
        partner.type(By.id("f-termMonths"), "60");
        partner.type(By.id("f-monthlyCost"), bid.monthly());
        partner.script("document.getElementById('f-validUntil').value = '2099-12-31';");
        partner.driver
                .findElement(By.cssSelector("[data-bid-form] button[type=submit]"))
                .click();
    }

    /** Waits until the partner's page shows its bid taken, or fails with what the page said instead. */
    private static void taken(Browser partner, Bid bid) {
        By refusal = By.cssSelector("[data-error-summary]");
        partner.until(d -> ownBid(partner).contains(bid.amountShown())
                || !d.findElements(refusal).isEmpty());
        assertThat(partner.all(refusal))
                .as(() -> partner.all(refusal).stream()
                        .map(WebElement::getText)
                        .findFirst()
                        .orElse(""))
                .isEmpty();
    }

    private static String ownBid(Browser partner) {
        return partner.text(By.cssSelector("[data-own-bid-terms]"));
    }

    private static String outcome(Browser partner) {
        return partner.driver
                .findElement(By.cssSelector("[data-partner-case] [data-outcome]"))
                .getDomAttribute("data-outcome");
    }

    /** Neither partner's page holds anything of the other's bid: not shown, not in the source. */
    private void sealed() {
        assertThat(partnerA.driver.getPageSource())
                .doesNotContain(B.amountShown())
                .doesNotContain("6,88")
                .doesNotContain("6.88")
                .doesNotContain(B.monthlyShown())
                .doesNotContain(TestUsers.PARTNER_B_ID);
        assertThat(partnerB.driver.getPageSource())
                .doesNotContain(A.amountShown())
                .doesNotContain("6,31")
                .doesNotContain("6.31")
                .doesNotContain(A.monthlyShown())
                .doesNotContain(TestUsers.PARTNER_A_ID);
    }
}
