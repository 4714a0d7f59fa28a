package se.caseflow.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A browser's session without a browser: the CSRF token (its cookie goes with every request of {@link #client}) and,
 * once signed in, the session cookie of a form sign-in.
 */
final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final WebTestClient client;
    final String csrf;
    String session;

    private FormSession(WebTestClient client, String session, String csrf) {
        this.client = client;
        this.session = session;
        this.csrf = csrf;
    }

    static WebTestClient anonymous(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Opens the sign-in page for its CSRF token (no session yet); {@link #signIn} then signs in. */
    static FormSession start(int port) {
        WebTestClient client = anonymous(port);
        EntityExchangeResult<String> login =
                client.get().uri("/login").exchange().expectBody(String.class).returnResult();
        assertThat(login.getResponseCookies().getFirst("SESSION"))
                .as("no session before signing in")
                .isNull();
        String csrfCookie = cookie(login.getResponseCookies(), "XSRF-TOKEN");
        return new FormSession(
                client.mutate().defaultCookie("XSRF-TOKEN", csrfCookie).build(), null, csrf(login.getResponseBody()));
    }

    /** Signs in with the form; the response must redirect to {@code expectedLocation}. */
    FormSession signIn(String user, String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        EntityExchangeResult<byte[]> signedIn = post("/login", form)
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/")
                .expectBody()
                .returnResult();
        session = cookie(signedIn.getResponseCookies(), "SESSION");
        return this;
    }

    /** Posts a form with the CSRF token on this session. */
    WebTestClient.ResponseSpec post(String path, MultiValueMap<String, String> form) {
        MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
        withToken.add("_csrf", csrf);
        return client.post()
                .uri(path)
                .cookies(cookies -> {
                    if (session != null) {
                        cookies.add("SESSION", session);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(withToken))
                .exchange();
    }

    WebTestClient.ResponseSpec get(String path) {
        return client.get()
                .uri(path)
                .cookie("SESSION", session)
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    /** The page a response brought, which must have come with {@code status}. */
    static String page(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    private static String cookie(MultiValueMap<String, ResponseCookie> cookies, String name) {
        assertThat(cookies.getFirst(name)).as("the cookie " + name).isNotNull();
        return cookies.getFirst(name).getValue();
    }
}
