package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.creditreport.CreditReportOutcome;

/** The local-mode simulator speaks the same protocol the client speaks to UC, for test personnummer only. */
class UcSimulatorTest {

    private final UcSimulator simulator = start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final UcClient client = new UcClient(
            new SoapTransport(http, simulator.endpoint(), Duration.ofSeconds(20), 1 << 20), "LOCAL", "SIM", "3");

    private static UcSimulator start() {
        try {
            return new UcSimulator(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void knowsTolvanTolvansson() {
        assertThat(simulator.endpoint().toString())
                .startsWith("http://127.0.0.1:")
                .endsWith("/uc-simulator/ucOrders2");
        assertThat(client.identityCheck("1212121212")).isEqualTo(IdentityFacts.found(null, "T"));
        assertThat(client.individualReport("1212121212"))
                .isEqualTo(new CreditReportOutcome.Received(
                        new CreditReport(new BigDecimal("2.4"), 150_000L, 312_000L, 0, 0, 1)));
    }

    @Test
    void servesPaymentRemarksForTheSecondTestPerson() {
        assertThat(client.individualReport("8112189876"))
                .isEqualTo(new CreditReportOutcome.Received(
                        new CreditReport(new BigDecimal("12.5"), 40_000L, 254_000L, 1, 4_500, 3)));
    }

    @Test
    void anyOtherNumberIsNotFound() {
        assertThat(client.identityCheck("1010101010").kind()).isEqualTo(IdentityFacts.Kind.NOT_FOUND);
        assertThat(client.individualReport("1010101010")).isInstanceOf(CreditReportOutcome.Failed.class);
    }

    @Test
    void aTestsSimulatorAnswersEveryNumberAsOnePersonAndCountsEachRequest() {
        try (UcSimulator forTests = UcSimulator.forTests()) {
            UcClient testClient = new UcClient(
                    new SoapTransport(http, forTests.endpoint(), Duration.ofSeconds(20), 1 << 20), "LOCAL", "SIM", "3");

            assertThat(testClient.identityCheck("1010101010")).isEqualTo(IdentityFacts.found(null, "T"));
            assertThat(testClient.individualReport("1010101010"))
                    .isEqualTo(new CreditReportOutcome.Received(
                            new CreditReport(new BigDecimal("3.7"), 200_000L, 420_000L, 2, 12_500, 4)));
            assertThat(forTests.count(UcSimulator.IDENTITY_CHECK, "1010101010")).isEqualTo(1);
            assertThat(forTests.count(UcSimulator.INDIVIDUAL_REPORT, "1010101010"))
                    .isEqualTo(1);
            assertThat(forTests.reportTimes()).containsOnlyKeys("1010101010");
        }
    }

    @Test
    void theDefaultModesSimulatorServesItsTestPersonsAsTheyAre() {
        assertThatThrownBy(() -> simulator.risk("1 %"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the default mode's simulator serves its test persons as they are");
        assertThat(client.individualReport("1212121212")).isInstanceOf(CreditReportOutcome.Received.class);
    }

    @Test
    void aRequestWithoutTheRightSoapActionIsAFault() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(simulator.endpoint().toString()))
                        .header("SOAPAction", "\"http://www.uc.se/ws/ucOrders/businessReport\"")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                                        + "<q:identityCheck xmlns:q=\"http://www.uc.se/schemas/ucOrderRequest/\""
                                        + " q:identifier=\"1212121212\"/></s:Body></s:Envelope>"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<faultcode>soapenv:Client</faultcode>", "SOAPAction must be");
    }
}
