package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.creditreport.CreditReportOutcome;
import se.caseflow.uc.UcSimulator.Behaviour;

/** The SOAP client against a local server speaking the WSDL's messages. */
class UcClientTest {

    private final UcSimulator uc = UcSimulator.forTests();

    @AfterEach
    void stop() {
        uc.close();
    }

    private static UcClient client(URI endpoint, Duration readTimeout) {
        return client(endpoint, readTimeout, 1 << 20);
    }

    private static UcClient client(URI endpoint, Duration readTimeout, int maxReplyBytes) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return new UcClient(new SoapTransport(http, endpoint, readTimeout, maxReplyBytes), "ABC12", "XY", "3");
    }

    private UcClient client() {
        return client(uc.endpoint(), Duration.ofSeconds(20));
    }

    @Test
    void sendsDocumentLiteralSoapWithTheCustomerAndTheTenDigitObject() {
        client().identityCheck("1212121212");
        client().individualReport("1212121212");

        assertThat(uc.soapActions())
                .containsExactly(
                        "\"http://www.uc.se/ws/ucOrders/identityCheck\"",
                        "\"http://www.uc.se/ws/ucOrders/individualReport\"");
        assertThat(uc.requests().get(0))
                .contains("xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"")
                .contains("xmlns:req=\"http://www.uc.se/schemas/ucOrderRequest/\"")
                .contains("<req:identityCheck req:identifier=\"1212121212\" req:version=\"2.2.1\">")
                .contains("<req:customer><req:userId>ABC12</req:userId><req:password>XY</req:password></req:customer>");
        assertThat(uc.requests().get(1))
                .contains("<req:individualReport req:product=\"3\"")
                .contains("<req:individualReportQuery req:xmlReply=\"true\" req:htmlReply=\"false\">")
                .contains("<req:object>1212121212</req:object>");
    }

    @Test
    void identityCheckFindsThePersonAndKeepsOnlyStatusAndInitial() {
        assertThat(client().identityCheck("1212121212")).isEqualTo(IdentityFacts.found(null, "T"));
        uc.personStatus("05");
        assertThat(client().identityCheck("1212121212")).isEqualTo(IdentityFacts.found("05", "T"));
    }

    @Test
    void identityCheckOfAnUnknownNumberIsNotFound() {
        uc.behave("identityCheck", Behaviour.NOT_FOUND);
        assertThat(client().identityCheck("1212121212").kind()).isEqualTo(IdentityFacts.Kind.NOT_FOUND);
    }

    @Test
    void identityCheckWithAnUnreadableReplyFails() {
        uc.behave("identityCheck", Behaviour.MALFORMED);
        assertThatThrownBy(() -> client().identityCheck("1212121212"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's reply is not well-formed XML, or it holds a DOCTYPE");
    }

    @Test
    void individualReportIsParsedIntoTypedValues() {
        CreditReportOutcome outcome = client().individualReport("1212121212");

        assertThat(outcome)
                .isEqualTo(new CreditReportOutcome.Received(
                        new CreditReport(new BigDecimal("3.7"), 200_000L, 420_000L, 2, 12_500, 4)));
        assertThat(uc.count("individualReport")).isEqualTo(1);
    }

    @Test
    void individualReportOfAnUnknownNumberFails() {
        uc.behave("individualReport", Behaviour.NOT_FOUND);
        assertThat(client().individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Failed("UC answered with an error status (message 101)"));
    }

    @Test
    void aMalformedReplyIsAFailureNotACrash() {
        uc.behave("individualReport", Behaviour.MALFORMED);
        assertThat(client().individualReport("1212121212"))
                .isInstanceOfSatisfying(
                        CreditReportOutcome.Failed.class,
                        failed -> assertThat(failed.reason())
                                .isEqualTo("UC's reply is not well-formed XML, or it holds a DOCTYPE"));
    }

    @Test
    void anUnexpectedValueFormatIsAFailureNamingTheTerm() {
        uc.risk("12.5 percent");
        assertThat(client().individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Failed(
                        "UC's W13111 (risk) is not a percentage between 0 and 100 (like 12,5 %)"));
    }

    @Test
    void personalDataInAMalformedTermNeverReachesTheFailure() {
        uc.risk("Tolvan Tolvansson 19121212-1212, 070-174 06 05");
        assertThat(client().individualReport("1212121212"))
                .as("the reason goes into CreditCheckFailed: a fixed text, naming the term, not its value")
                .isEqualTo(new CreditReportOutcome.Failed(
                        "UC's W13111 (risk) is not a percentage between 0 and 100 (like 12,5 %)"));
        uc.personStatus("Tolvan Tolvansson");
        assertThatThrownBy(() -> client().identityCheck("1212121212"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's W08020 (register status) is not a two-digit code");
    }

    @Test
    void aReplyLargerThanTheLimitIsAFailureNotAReport() {
        assertThat(client().individualReport("1212121212"))
                .as("the same reply within the default limit")
                .isInstanceOf(CreditReportOutcome.Received.class);

        UcClient limited = client(uc.endpoint(), Duration.ofSeconds(20), 256);
        assertThat(limited.individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Failed(
                        "UC's reply is larger than caseflow.uc.max-reply-bytes and was not read"));
        assertThatThrownBy(() -> limited.identityCheck("1212121212"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessageContaining("caseflow.uc.max-reply-bytes");
    }

    @Test
    void aSoapFaultIsAFailure() {
        uc.behave("individualReport", Behaviour.FAULT);
        assertThat(client().individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Failed("UC answered with a SOAP fault (Server)"));
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsAnUnknownOutcome() {
        uc.behave("individualReport", Behaviour.HOLD);
        assertThat(client(uc.endpoint(), Duration.ofSeconds(1)).individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Unknown("No answer from UC within caseflow.uc.read-timeout"));
        assertThat(uc.count("individualReport")).isEqualTo(1);
    }

    @Test
    void anUnreachableUcIsAFailureBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UcClient client = client(URI.create("http://127.0.0.1:" + closedPort + "/ucOrders2"), Duration.ofSeconds(5));
        assertThat(client.individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Failed("UC was not reachable"));
    }

    @Test
    void refusesAnObjectReferenceThatIsNotTenDigits() {
        assertThatThrownBy(() -> client().individualReport("19121212-1212"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UC object references are 10 digits");
        assertThat(uc.requests()).isEmpty();
    }
}
