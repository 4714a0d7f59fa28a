package se.caseflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The sign-in form as a browser uses it, without a browser: the page's CSRF token (its cookie and its form field;
 * no session yet), then the session cookie a sign-in brings.
 */
public final class FormSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The sign-in page's CSRF token: the cookie to send back and the form field's value. */
    public record Page(String csrfCookie, String token) {}

    /** A signed-in browser: its session cookie and the CSRF token it posts forms with. */
    public record SignedIn(String session, String csrfCookie, String token) {}

    private FormSignIn() {}

    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    public static Page page(WebTestClient client) {
        EntityExchangeResult<String> page =
                client.get().uri("/login").exchange().expectBody(String.class).returnResult();
        Matcher token = CSRF.matcher(page.getResponseBody());
        assertThat(token.find()).as("a CSRF field").isTrue();
        return new Page(cookie(page.getResponseCookies(), "XSRF-TOKEN"), token.group(1));
    }

    /** Posts the form from {@code page}; the caller checks the answer. */
    public static WebTestClient.ResponseSpec post(WebTestClient client, Page page, String user, String password) {
        return client.post()
                .uri("/login")
                .cookie("XSRF-TOKEN", page.csrfCookie())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", user)
                        .with("password", password)
                        .with("_csrf", page.token()))
                .exchange();
    }

    /** Opens the page and signs in, which must succeed (a redirect to {@code /} with a session cookie). */
    public static SignedIn signIn(WebTestClient client, String user, String password) {
        Page page = page(client);
        EntityExchangeResult<Void> signedIn = post(client, page, user, password)
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/")
                .expectBody()
                .isEmpty();
        return new SignedIn(cookie(signedIn.getResponseCookies(), "SESSION"), page.csrfCookie(), page.token());
    }

    /** Signs out with the form's token, which must succeed. */
    public static void signOut(WebTestClient client, SignedIn signedIn) {
        client.post()
                .uri("/logout")
                .cookie("SESSION", signedIn.session())
                .cookie("XSRF-TOKEN", signedIn.csrfCookie())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("_csrf", signedIn.token()))
                .exchange()
                .expectStatus()
                .isFound();
    }

    private static String cookie(MultiValueMap<String, ResponseCookie> cookies, String name) {
        assertThat(cookies.getFirst(name)).as("the cookie " + name).isNotNull();
        return cookies.getFirst(name).getValue();
    }
}
