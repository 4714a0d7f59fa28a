package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.creditreport.CreditReportOutcome;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.uc.UcSimulator.Behaviour;

/** Every call to UC is counted and timed by operation and outcome, for the ops side's metrics. */
class UcCallMetricsTest {

    private final UcSimulator uc = UcSimulator.forTests();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        uc.close();
    }

    @Test
    void creditReportCallsAreTimedByOutcome() {
        UcAdapter adapter = adapter();
        ProtectedValue personalNumber = new ProtectedValue("pd1.token");

        assertThat(adapter.fetch(personalNumber)).isInstanceOf(CreditReportOutcome.Received.class);
        uc.behave("individualReport", Behaviour.MALFORMED);
        assertThat(adapter.fetch(personalNumber)).isNotInstanceOf(CreditReportOutcome.Received.class);

        assertThat(meters.timer("caseflow.uc.calls", "operation", "individualReport", "outcome", "received")
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("caseflow.uc.calls").tag("operation", "individualReport").timers().stream()
                        .mapToLong(timer -> timer.count())
                        .sum())
                .isEqualTo(2)
                .isEqualTo(uc.count("individualReport"));
    }

    private UcAdapter adapter() {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        UcClient client = new UcClient(
                new SoapTransport(http, uc.endpoint(), Duration.ofSeconds(20), 1 << 20), "ABC12", "XY", "3");
        return new UcAdapter(client, (token, caller, purpose) -> new Unwrapped.Revealed("191212121212"), null, meters);
    }
}
