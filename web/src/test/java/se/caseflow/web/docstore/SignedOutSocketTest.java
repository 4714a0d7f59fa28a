package se.caseflow.web.docstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;
import se.caseflow.web.FormSignIn;
import se.caseflow.web.FormSignIn.SignedIn;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** A socket opened under a browser's sign-in ends with it: closed with 4401, never left authorised. */
class SignedOutSocketTest extends PostgresApplicationTest {

    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Test
    void signingOutClosesTheSessionsSocket() throws Exception {
        SignedIn staff = signIn();
        try (SocketClient socket = SocketClient.connect(port, cookies(staff))) {
            socket.send("{\"subscribe\": \"view/open\"}");
            assertThat(socket.next(frame -> frame.path("key").asText().equals("view/open")))
                    .isNotNull();

            FormSignIn.signOut(client(), staff);

            CloseStatus closed = socket.awaitClosed(CLOSED_WITHIN);
            assertThat(closed.getCode()).isEqualTo(4401);
            assertThat(closed.getReason()).isEqualTo("signed out or session expired");
        }
    }

    @Test
    void aSocketOfASessionEndedByNewerSignInsIsClosed() throws Exception {
        SignedIn first = signIn();
        try (SocketClient socket = SocketClient.connect(port, cookies(first))) {
            for (int i = 0; i < 5; i++) {
                signIn();
            }
            assertThat(socket.awaitClosed(CLOSED_WITHIN).getCode()).isEqualTo(4401);
        }
    }

    @Test
    void aSocketOpenedWithBasicCredentialsHasNoSessionToEnd() throws Exception {
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        try (SocketClient socket = SocketClient.connect(port, basic)) {
            SignedIn someone = signIn();
            FormSignIn.signOut(client(), someone);
            // two session checks later (PT2S each) the socket still answers
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            socket.send("{\"subscribe\": \"view/open\"}");
            assertThat(socket.next(frame -> frame.path("key").asText().equals("view/open")))
                    .isNotNull();
        }
    }

    private SignedIn signIn() {
        return FormSignIn.signIn(client(), TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
    }

    private static HttpHeaders cookies(SignedIn signedIn) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "SESSION=" + signedIn.session());
        return headers;
    }

    private WebTestClient client() {
        return FormSignIn.client(port);
    }
}
