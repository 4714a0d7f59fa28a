package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import se.caseflow.web.TestUsers;

/**
 * The partner pages' forms over plain HTTP, on cases brought into bidding the real way: bad input is answered
 * field by field and changes nothing, the partner is the signed-in one whatever the form says, a case not
 * offered to a partner does not exist for it, and staff and partners stay on their own pages.
 */
class PartnerFormTest extends BiddingApplicationTest {

    @Test
    void staffAndPartnersStayOnTheirOwnPages() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        staff.get("/partner").expectStatus().isForbidden();
        staff.get("/partner/cases/" + UUID.randomUUID()).expectStatus().isForbidden();
        staff.post("/partner/cases/" + UUID.randomUUID() + "/bid", bid("100000"))
                .expectStatus()
                .isForbidden();

        FormSession partner = FormSession.start(port).signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);
        partner.get("/").expectStatus().is3xxRedirection().expectHeader().location("/partner");
        assertThat(FormSession.page(partner.get("/partner"), HttpStatus.OK))
                .as("the partner header alone")
                .containsOnlyOnce("<header")
                .contains("Offered cases")
                .doesNotContain("New case");
        assertThat(FormSession.page(staff.get("/cases"), HttpStatus.OK))
                .as("the staff header alone")
                .containsOnlyOnce("<header")
                .doesNotContain("Offered cases");
        partner.get("/cases").expectStatus().isForbidden();
        partner.get("/cases/" + UUID.randomUUID()).expectStatus().isForbidden();
        partner.post(
                        "/cases/new",
                        CaseMakerFormTest.openCaseForm(UUID.randomUUID().toString()))
                .expectStatus()
                .isForbidden();
        for (String staffForm :
                List.of("offers/accept", "debt-letter/send", "debt-letter/signed", "payout", "follow-ups")) {
            partner.post("/cases/" + UUID.randomUUID() + "/" + staffForm, bid("1"))
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Test
    void badInputIsAnsweredFieldByFieldWithWhatWasTypedAndChangesNothing() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String caseId = caseInBidding(staff, ONLY_A);
        FormSession partnerA = FormSession.start(port).signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);
        partnerA.get("/partner/cases/" + caseId).expectStatus().isOk();

        MultiValueMap<String, String> form = bid("abc");
        form.set("nominalRate", "");
        form.set("monthlyCost", "2 345,678");
        form.set("termMonths", "0");
        String page = FormSession.page(
                partnerA.post("/partner/cases/" + caseId + "/bid", form), HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(page)
                .contains("id=\"f-amountSek-error\">Must be a whole number.</p>")
                .contains("id=\"f-nominalRate-error\">Required.</p>")
                .contains("id=\"f-monthlyCost-error\"")
                .contains("id=\"f-termMonths-error\"")
                .doesNotContain("id=\"f-effectiveRate-error\"")
                .doesNotContain("id=\"f-validUntil-error\"")
                .contains("value=\"abc\"")
                .contains("value=\"2 345,678\"")
                .contains("value=\"6,31\"");
        JsonNode own = document("partner/" + TestUsers.PARTNER_A_ID + "/case/" + caseId)
                .orElseThrow();
        assertThat(own.get("bid").isNull()).as("no bid").isTrue();
        assertThat(document("case/" + caseId).orElseThrow().at("/bidding/bids")).isEmpty();
    }

    @Test
    void thePartnerIsTheSignedInOneAndKronorBecomeExactOre() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String caseId = caseInBidding(staff, BOTH);
        FormSession partnerA = FormSession.start(port).signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);

        MultiValueMap<String, String> form = bid("290 000");
        form.add("partnerId", TestUsers.PARTNER_B_ID);
        partnerA.post("/partner/cases/" + caseId + "/bid", form)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/partner/cases/" + caseId);

        JsonNode staffDoc =
                awaitDocument("case/" + caseId, doc -> doc.at("/bidding/bids").size() == 1);
        JsonNode bid = staffDoc.at("/bidding/bids/0");
        assertThat(bid.get("partnerId").asText()).isEqualTo(TestUsers.PARTNER_A_ID);
        assertThat(bid.at("/terms/amountSek").asLong()).isEqualTo(290_000);
        assertThat(bid.at("/terms/monthlyCostOre").asLong()).isEqualTo(234_567);
        assertThat(bid.at("/terms/nominalRatePercent").decimalValue()).isEqualByComparingTo("5.95");
        assertThat(bid.at("/terms/effectiveRatePercent").decimalValue()).isEqualByComparingTo("6.31");
        awaitDocument(
                "partner/" + TestUsers.PARTNER_A_ID + "/case/" + caseId,
                doc -> !doc.get("bid").isNull());
        assertThat(document("partner/" + TestUsers.PARTNER_B_ID + "/case/" + caseId)
                        .orElseThrow()
                        .get("bid")
                        .isNull())
                .as("partner B's own document has no bid")
                .isTrue();

        String page = FormSession.page(partnerA.get("/partner/cases/" + caseId), HttpStatus.OK);
        assertThat(page)
                .contains("290 000 kr")
                .contains("2 345,67 kr")
                .contains("name=\"intent\" data-intent value=\"revise\"");
    }

    @Test
    void aDoubleSubmitOfOneBidFormPlacesOneBid() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String caseId = caseInBidding(staff, ONLY_A);
        FormSession partnerA = FormSession.start(port).signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);
        MultiValueMap<String, String> form = bid("145 000");

        // a second PlaceBid would be refused (bid-already-placed, 409): every answer is the first one's redirect
        List<HttpStatus> answers = Flux.range(0, 4)
                .parallel(4)
                .runOn(Schedulers.boundedElastic())
                .map(i -> HttpStatus.valueOf(partnerA.post("/partner/cases/" + caseId + "/bid", form)
                        .returnResult(Void.class)
                        .getStatus()
                        .value()))
                .sequential()
                .collectList()
                .block();

        assertThat(answers).containsOnly(HttpStatus.SEE_OTHER);
        assertThat(awaitDocument(
                                "case/" + caseId, doc -> doc.at("/bidding/bids").size() == 1)
                        .at("/bidding/bids/0/terms/amountSek")
                        .asLong())
                .isEqualTo(145_000);
    }

    @Test
    void aRuleRefusalIsShownAboveTheForm() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String caseId = caseInBidding(staff, ONLY_A);
        FormSession partnerA = FormSession.start(port).signIn(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD);

        MultiValueMap<String, String> form = bid("140000");
        form.set("intent", "revise");
        String page = FormSession.page(partnerA.post("/partner/cases/" + caseId + "/bid", form), HttpStatus.CONFLICT);
        assertThat(page).contains("You have no bid on this case.").contains("value=\"140000\"");

        MultiValueMap<String, String> withdraw = new LinkedMultiValueMap<>();
        withdraw.add("idempotencyKey", UUID.randomUUID().toString());
        assertThat(FormSession.page(
                        partnerA.post("/partner/cases/" + caseId + "/withdraw", withdraw), HttpStatus.CONFLICT))
                .contains("You have no bid on this case.");
    }

    @Test
    void aCaseNotOfferedToAPartnerDoesNotExistForIt() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String caseId = caseInBidding(staff, ONLY_A);
        FormSession partnerB = FormSession.start(port).signIn(TestUsers.PARTNER_B, TestUsers.PARTNER_B_PASSWORD);
        String unknown = UUID.randomUUID().toString();

        String offeredToA = FormSession.page(partnerB.get("/partner/cases/" + caseId), HttpStatus.NOT_FOUND);
        String nowhere = FormSession.page(partnerB.get("/partner/cases/" + unknown), HttpStatus.NOT_FOUND);
        assertThat(withoutToken(offeredToA.replace(caseId, unknown)))
                .as("the same answer as for no case at all")
                .isEqualTo(withoutToken(nowhere));

        partnerB.post("/partner/cases/" + caseId + "/bid", bid("150000"))
                .expectStatus()
                .isNotFound();
        partnerB.post("/partner/cases/" + caseId + "/withdraw", bid("150000"))
                .expectStatus()
                .isNotFound();
        assertThat(FormSession.page(partnerB.get("/partner"), HttpStatus.OK)).doesNotContain(caseId);
        assertThat(document("case/" + caseId).orElseThrow().at("/bidding/bids")).isEmpty();
    }

    /** The page without its CSRF token, which is masked afresh on every page. */
    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }

    /** A valid bid form but for the amount. */
    static MultiValueMap<String, String> bid(String amount) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("idempotencyKey", UUID.randomUUID().toString());
        form.add("intent", "place");
        form.add("amountSek", amount);
        form.add("nominalRate", "5,95");
        form.add("effectiveRate", "6,31");
        form.add("termMonths", "60");
        form.add("monthlyCost", "2 345,67");
        form.add("validUntil", "2099-12-31");
        return form;
    }
}
