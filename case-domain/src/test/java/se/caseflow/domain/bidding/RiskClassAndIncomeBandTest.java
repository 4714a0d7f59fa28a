package se.caseflow.domain.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.caseflow.domain.api.IncomeBand;

class RiskClassAndIncomeBandTest {

    @ParameterizedTest
    @CsvSource({"0, 5", "0.49, 5", "0.5, 4", "1.99, 4", "2, 3", "4.99, 3", "5, 2", "14.99, 2", "15, 1", "100, 1"})
    void ucRiskPercentMapsToOurRiskClass(String riskPercent, int riskClass) {
        assertThat(RiskClass.of(new BigDecimal(riskPercent))).isEqualTo(riskClass);
    }

    @ParameterizedTest
    @CsvSource({
        "0, UNDER_20000",
        "19999, UNDER_20000",
        "20000, FROM_20000_TO_29999",
        "29999, FROM_20000_TO_29999",
        "30000, FROM_30000_TO_44999",
        "44999, FROM_30000_TO_44999",
        "45000, FROM_45000_TO_59999",
        "59999, FROM_45000_TO_59999",
        "60000, FROM_60000",
        "10000000, FROM_60000"
    })
    void monthlyGrossIncomeMapsToItsBand(long monthlyGrossSek, IncomeBand band) {
        assertThat(IncomeBands.of(monthlyGrossSek)).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 2, P5D, 3", "PT24H, 0, P5D, 3", "PT24H, 6, P5D, 3", "PT24H, 2, PT0S, 3", "PT24H, 2, P5D, -1"})
    void aPolicyOutsideItsBoundsIsRefused(String window, int minimumRiskClass, String reminderAfter, int reminders) {
        assertThatThrownBy(() -> new BiddingPolicy(
                        Duration.parse(window), minimumRiskClass, Duration.parse(reminderAfter), reminders))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
