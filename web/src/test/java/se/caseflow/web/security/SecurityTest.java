package se.caseflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.web.FormSignIn;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** Deny by default, Basic for API clients, form login with CSRF for people. */
class SecurityTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;

    private WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void commandsNeedAStaffUser() {
        anonymous()
                .post()
                .uri("/api/commands/OpenCase")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"caseflow\"")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous()
                .post()
                .uri("/api/commands/OpenCase")
                .headers(h -> h.setBasicAuth(TestUsers.PARTNER, TestUsers.PARTNER_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aBrowserReplayingBasicCredentialsCrossSiteNeedsTheCsrfToken() {
        anonymous()
                .post()
                .uri("/api/commands/OpenCase")
                .headers(h -> {
                    h.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
                    h.add("Sec-Fetch-Site", "cross-site");
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void peopleAreSentToTheLoginFormWhichNeedsTheCsrfToken() {
        anonymous()
                .get()
                .uri("/cases")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/login");
        anonymous()
                .get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("_csrf"));
        anonymous()
                .post()
                .uri("/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + TestUsers.STAFF + "&password=" + TestUsers.STAFF_PASSWORD)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void tooManyFailedBasicSignInsForOneNameAre429WithRetryAfter() {
        String name = "guessed-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            basic(name, "guess-" + i).expectStatus().isUnauthorized();
        }
        basic(name, "guess-10")
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds))
                                .isBetween(1L, Duration.ofMinutes(15).toSeconds()))
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .startsWith("Too many failed sign-ins for this user name or from this address: try again in"));
    }

    @Test
    void tooManyFailedFormSignInsForOneNameAre429WithTheSentence() {
        FormSignIn.Page login = FormSignIn.page(anonymous());
        String name = "guessed-" + UUID.randomUUID();
        for (int i = 0; i <= 10; i++) {
            WebTestClient.ResponseSpec answer = FormSignIn.post(anonymous(), login, name, "guess-" + i);
            if (i < 10) {
                answer.expectStatus().isFound().expectHeader().location("/login?error");
            } else {
                answer.expectStatus()
                        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER)
                        .expectBody(String.class)
                        .value(page -> assertThat(page)
                                .startsWith("Too many failed sign-ins for this user name or from this address"));
            }
        }
    }

    private WebTestClient.ResponseSpec basic(String name, String password) {
        return anonymous()
                .get()
                .uri("/api/docs/views/today")
                .headers(h -> h.setBasicAuth(name, password))
                .exchange();
    }

    @Test
    void anythingNotAllowedIsDenied() {
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD))
                .build()
                .get()
                .uri("/api/something-else")
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
