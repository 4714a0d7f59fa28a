package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** The SMS panel in real headless Chromium: template, length, send, and the delivery tick moving live. */
class SmsPanelBrowserTest extends PostgresApplicationTest {

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File("/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void staffPickATemplateSeeItsSegmentsSendItAndWatchItGetDelivered() {
        String phone = SmsEndToEndTest.randomMobile();
        String caseId = http.post()
                .uri("/api/commands/OpenCase")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CommandPayloads.openCase(CommandPayloads.PERSONAL_NUMBER, phone))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("caseId")
                .asText();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(TestUsers.STAFF);
        browser.findElement(By.id("password")).sendKeys(TestUsers.STAFF_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        browser.get("http://localhost:" + port + "/cases/" + caseId + "/sms");
        wait.until(d ->
                d.findElements(By.cssSelector("[data-sms-template] option")).size() > 1);
        new Select(browser.findElement(By.cssSelector("[data-sms-template]"))).selectByValue("DEBT_LETTER_SENT");
        wait.until(d ->
                d.findElement(By.cssSelector("[data-sms-length]")).getText().contains("1 SMS segment"));
        assertThat(browser.findElement(By.cssSelector("[data-sms-length]")).getText())
                .contains("(GSM-7)");
        browser.findElement(By.cssSelector("[data-sms-text]")).sendKeys(" 😀");
        wait.until(d ->
                d.findElement(By.cssSelector("[data-sms-length]")).getText().contains("UCS-2"));
        assertThat(browser.findElement(By.cssSelector("[data-sms-length]")).getText())
                .contains("2 SMS segments");

        browser.findElement(By.cssSelector("[data-sms-send] button[type=submit]"))
                .click();
        WebElement message = waitOrShow(
                wait,
                d -> d.findElements(By.cssSelector(".sms-out[data-state=queued]")).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(message.findElement(By.cssSelector(".sms-text")).getText())
                .isEqualTo(SmsTemplate.DEBT_LETTER_SENT.text() + " 😀");
        assertThat(message.findElement(By.cssSelector(".sms-tick")).getText()).isEqualTo("✓");

        FakeTwilioCallbacks.deliver(caseId, port);
        wait.until(d -> !d.findElements(By.cssSelector(".sms-out[data-state=delivered]"))
                .isEmpty());
        assertThat(browser.findElement(By.cssSelector(".sms-out .sms-tick")).getText())
                .isEqualTo("✓✓");
    }

    private <T> T waitOrShow(WebDriverWait wait, java.util.function.Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "The panel shows: "
                            + browser.findElement(By.cssSelector("[data-sms-case]"))
                                    .getAttribute("outerHTML"),
                    e);
        }
    }

    /** Twilio's delivery notification for the case's one message, signed like Twilio signs it. */
    static final class FakeTwilioCallbacks {

        static void deliver(String caseId, int port) {
            FakeTwilioCallbacks callbacks = new FakeTwilioCallbacks();
            callbacks.send(caseId, port);
        }

        private void send(String caseId, int port) {
            var request = TWILIO.received().stream()
                    .filter(r -> r.form().getOrDefault("StatusCallback", "").contains("caseId=" + caseId))
                    .findFirst()
                    .orElseThrow();
            String callback = request.form().get("StatusCallback").substring(PUBLIC_BASE_URL.length());
            String sid = TWILIO.received().indexOf(request) >= 0 ? sidOf(callback, caseId) : null;
            Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", "delivered");
            LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
            form.forEach(body::add);
            WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port)
                    .build()
                    .post()
                    .uri(callback)
                    .header("X-Twilio-Signature", TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + callback, form))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(body))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        /** The fake numbers its accepted messages in order; this case's is the one its callback names. */
        private static String sidOf(String callback, String caseId) {
            int n = 0;
            for (var received : TWILIO.received()) {
                if (received.form().containsKey("StatusCallback")) {
                    n++;
                    if (received.form().get("StatusCallback").contains("caseId=" + caseId)) {
                        return se.caseflow.testsupport.FakeTwilio.sid(n);
                    }
                }
            }
            throw new AssertionError("no message for " + callback);
        }
    }
}
