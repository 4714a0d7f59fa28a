package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** The shared page parts: the sign-in page, the stylesheet and script, sign-in and sign-out with CSRF. */
class PageFoundationTest extends PostgresApplicationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private WebTestClient browser() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    @Test
    void theSignInPageIsOursAndCarriesTheCsrfToken() {
        String page = browser()
                .get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<label for=\"username\">User name</label>")
                .contains("/css/caseflow.css")
                .containsPattern(CSRF);
    }

    @Test
    void theStylesheetAndTheDocStoreClientNeedNoSignIn() {
        browser()
                .get()
                .uri("/js/docstore.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(js -> assertThat(js).contains("/ws/docs").contains("subscribe"));
        browser().get().uri("/css/caseflow.css").exchange().expectStatus().isOk();
    }

    @Test
    void staffSignInWithTheFormAndSignOutWithTheCsrfToken() {
        EntityExchangeResult<String> login = browser()
                .get()
                .uri("/login")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        String session = cookie(login.getResponseCookies());
        String token = csrf(login.getResponseBody());
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", TestUsers.STAFF);
        form.add("password", TestUsers.STAFF_PASSWORD);
        form.add("_csrf", token);
        EntityExchangeResult<byte[]> signedIn = browser()
                .post()
                .uri("/login")
                .cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/")
                .expectBody()
                .returnResult();
        String signedInSession = cookie(signedIn.getResponseCookies());
        browser()
                .get()
                .uri("/")
                .cookie("SESSION", signedInSession)
                .exchange()
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/cases");

        browser()
                .post()
                .uri("/logout")
                .cookie("SESSION", signedInSession)
                .exchange()
                .expectStatus()
                .isForbidden();
        MultiValueMap<String, String> logout = new LinkedMultiValueMap<>();
        logout.add("_csrf", token);
        browser()
                .post()
                .uri("/logout")
                .cookie("SESSION", signedInSession)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(logout))
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/login?logout");
        browser()
                .get()
                .uri("/cases")
                .cookie("SESSION", signedInSession)
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE)
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/login");
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    private static String cookie(MultiValueMap<String, ResponseCookie> cookies) {
        assertThat(cookies.getFirst("SESSION")).as("a session cookie").isNotNull();
        return cookies.getFirst("SESSION").getValue();
    }
}
