package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** The case-maker and case-page forms over plain HTTP: idempotency keys, refusals, CSRF. */
class CaseMakerFormTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void aDoubleSubmitOfOneFormOpensOneCase() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        MultiValueMap<String, String> form = openCaseForm(UUID.randomUUID().toString());

        List<String> locations = Flux.range(0, 4)
                .parallel(4)
                .runOn(Schedulers.boundedElastic())
                .map(i -> staff.post("/cases/new", form)
                        .expectStatus()
                        .isSeeOther()
                        .returnResult(Void.class)
                        .getResponseHeaders()
                        .getLocation()
                        .toString())
                .sequential()
                .collectList()
                .block();

        assertThat(locations).hasSize(4).allMatch(l -> l.matches("/cases/[0-9a-f-]{36}"));
        assertThat(locations).as("one case for every submit").containsOnly(locations.get(0));
    }

    @Test
    void aRefusedFormIsShownAgainWithItsErrorsAndWhatWasTyped() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        MultiValueMap<String, String> form = openCaseForm(UUID.randomUUID().toString());
        form.set("income.monthlyGrossSek", "-1");
        form.set("coApplicant.firstName", "Elva");

        String page = FormSession.page(staff.post("/cases/new", form), HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(page)
                .contains("id=\"f-income-monthlyGrossSek-error\">Must be at least 0.</p>")
                .contains("id=\"f-coApplicant-lastName-error\">Required.</p>")
                .contains("value=\"Elva\"")
                .contains("value=\"Tolvansson\"")
                .contains("<option value=\"CAR\" selected=\"selected\">CAR</option>")
                .doesNotContain("f-applicant-firstName-error");
    }

    @Test
    void aClosedCaseRefusesANoteAboveTheForm() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String location = openCase(staff, openCaseForm(UUID.randomUUID().toString()));
        MultiValueMap<String, String> close = new LinkedMultiValueMap<>();
        close.add("reason", "DUPLICATE");
        close.add("idempotencyKey", UUID.randomUUID().toString());
        staff.post(location + "/close", close).expectStatus().isSeeOther();

        MultiValueMap<String, String> note = new LinkedMultiValueMap<>();
        note.add("text", "Too late");
        note.add("idempotencyKey", UUID.randomUUID().toString());
        String page = FormSession.page(staff.post(location + "/notes", note), HttpStatus.CONFLICT);
        assertThat(page).contains("closed").contains("Too late");
    }

    @Test
    void aFollowUpIsScheduledThroughTheFormAndABadDateIsShownAtItsField() throws Exception {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        String location = openCase(staff, openCaseForm(UUID.randomUUID().toString()));

        MultiValueMap<String, String> followUp = new LinkedMultiValueMap<>();
        followUp.add("idempotencyKey", UUID.randomUUID().toString());
        followUp.add("date", "next friday");
        followUp.add("note", "Call about the payslips");
        String page = FormSession.page(staff.post(location + "/follow-ups", followUp), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(page).contains("id=\"f-date-error\"").contains("value=\"Call about the payslips\"");

        followUp.set(
                "date",
                java.time.LocalDate.now(PageFormat.STOCKHOLM).plusDays(3).toString());
        staff.post(location + "/follow-ups", followUp).expectStatus().isSeeOther();
        staff.post(location + "/follow-ups", followUp)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location(location);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        staff.client
                .post()
                .uri("/cases/new")
                .cookie("SESSION", staff.session)
                .bodyValue(openCaseForm(UUID.randomUUID().toString()))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anUnknownCaseIsNotFound() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        staff.get("/cases/" + UUID.randomUUID()).expectStatus().isNotFound();
        staff.get("/cases/-no_such_id").expectStatus().isNotFound();
    }

    /** Opens a case through the case-maker form; returns where the form sent the browser: {@code /cases/{id}}. */
    static String openCase(FormSession staff, MultiValueMap<String, String> form) {
        return staff.post("/cases/new", form)
                .expectStatus()
                .isSeeOther()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
    }

    static MultiValueMap<String, String> openCaseForm(String idempotencyKey) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("idempotencyKey", idempotencyKey);
        form.add("applicant.personalNumber", "19121212-1212");
        form.add("applicant.firstName", "Tolvan");
        form.add("applicant.lastName", "Tolvansson");
        form.add("applicant.mobilePhone", "070-174 06 05");
        form.add("applicant.email", "tolvan@example.se");
        form.add("applicant.address.street", "Storgatan 1");
        form.add("applicant.address.postalCode", "111 22");
        form.add("applicant.address.city", "Stockholm");
        form.add("loan.amountSek", "150 000");
        form.add("loan.termMonths", "60");
        form.add("loan.purpose", "CAR");
        form.add("income.monthlyGrossSek", "42000");
        form.add("income.employmentType", "PERMANENT");
        return form;
    }
}
