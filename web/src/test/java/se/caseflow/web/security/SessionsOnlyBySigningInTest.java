package se.caseflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.FormSignIn;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * Nobody fills the session store without signing in: the sign-in page and every redirect to it keep their CSRF
 * token and requested page in cookies, and a user holds at most a few sessions. The store here holds only
 * {@value #STORE} sessions, so many more visits than that would lock everyone out if a visit made one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.reactive.session.max-sessions=" + SessionsOnlyBySigningInTest.STORE})
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class SessionsOnlyBySigningInTest {

    static final int STORE = 20;
    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("sessions");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("sessions");

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
    }

    @LocalServerPort
    int port;

    @Autowired
    WebSessionManager sessions;

    @Test
    void visitorsWhoDoNotSignInMakeNoSessionAndSomeoneCanStillSignIn() {
        for (int visit = 0; visit < 3 * STORE; visit++) {
            assertThat(visit("/login", HttpStatus.OK).getResponseCookies()).doesNotContainKey("SESSION");
            assertThat(visit("/cases", HttpStatus.FOUND).getResponseCookies()).doesNotContainKey("SESSION");
        }
        assertThat(storedSessions()).isZero();

        String session = FormSignIn.signIn(anonymous(), TestUsers.STAFF, TestUsers.STAFF_PASSWORD)
                .session();
        cases(session).expectStatus().isOk();
        assertThat(storedSessions()).isEqualTo(1);
    }

    @Test
    void theRequestedPageWaitsInACookieUntilSignedIn() {
        EntityExchangeResult<byte[]> asked = visit("/cases/new", HttpStatus.FOUND);
        // the response clears an older requested page, then sets this one: a browser ends with the one set
        String requested = asked.getResponseHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> cookie.startsWith("REDIRECT_URI=") && !cookie.startsWith("REDIRECT_URI=;"))
                .map(cookie -> cookie.substring("REDIRECT_URI=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no requested page in the cookies"));

        FormSignIn.Page login = FormSignIn.page(anonymous());
        WebTestClient browser =
                anonymous().mutate().defaultCookie("REDIRECT_URI", requested).build();
        FormSignIn.post(browser, login, TestUsers.STAFF, TestUsers.STAFF_PASSWORD)
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/cases/new");
    }

    @Test
    void signingInASixthTimeEndsTheOldestOfTheUsersSessions() {
        List<String> signedIn = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            signedIn.add(FormSignIn.signIn(anonymous(), TestUsers.STAFF, TestUsers.STAFF_PASSWORD)
                    .session());
        }
        cases(signedIn.get(0)).expectStatus().isFound().expectHeader().location("/login");
        for (String session : signedIn.subList(1, 6)) {
            cases(session).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec cases(String session) {
        return anonymous()
                .get()
                .uri("/cases")
                .cookie("SESSION", session)
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    private int storedSessions() {
        WebSessionStore store = ((DefaultWebSessionManager) sessions).getSessionStore();
        return ((InMemoryWebSessionStore) store).getSessions().size();
    }

    private EntityExchangeResult<byte[]> visit(String page, HttpStatus status) {
        return anonymous()
                .get()
                .uri(page)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult();
    }

    private WebTestClient anonymous() {
        return FormSignIn.client(port);
    }
}
