package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.LinkedMultiValueMap;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** The shared page parts: the sign-in page, the stylesheet and script, sign-in and sign-out with CSRF. */
class PageFoundationTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void theSignInPageIsOursAndCarriesTheCsrfToken() {
        String page = FormSession.anonymous(port)
                .get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("<label for=\"username\">User name</label>").contains("/css/caseflow.css");
        assertThat(FormSession.csrf(page)).isNotBlank();
        assertThat(page.split("name=\"_csrf\"", -1)).as("one CSRF field").hasSize(2);
    }

    @Test
    void theStylesheetAndTheDocStoreClientNeedNoSignIn() {
        FormSession.anonymous(port)
                .get()
                .uri("/js/docstore.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(js -> assertThat(js).contains("/ws/docs").contains("subscribe"));
        FormSession.anonymous(port)
                .get()
                .uri("/css/caseflow.css")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void staffSignInWithTheFormAndSignOutWithTheCsrfToken() {
        FormSession staff = FormSession.start(port).signIn(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        staff.get("/").expectStatus().isSeeOther().expectHeader().location("/cases");
        staff.client
                .post()
                .uri("/logout")
                .cookie("SESSION", staff.session)
                .exchange()
                .expectStatus()
                .isForbidden();
        staff.post("/logout", new LinkedMultiValueMap<>())
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/login?logout");
        staff.get("/cases").expectStatus().isFound().expectHeader().location("/login");
    }

    @Test
    void partnersMayNotSeeTheStaffPages() {
        FormSession partner = FormSession.start(port).signIn(TestUsers.PARTNER, TestUsers.PARTNER_PASSWORD);
        partner.get("/cases").expectStatus().isForbidden();
        partner.get("/cases/new").expectStatus().isForbidden();
    }
}
