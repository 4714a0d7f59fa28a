package se.caseflow.web.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.bidding.BiddingPolicy;

/** {@code caseflow.bidding.*} as Spring binds it at start-up: defaults, the partners, and what stops start-up. */
class BiddingPropertiesTest {

    private static Map<String, String> partner(int index, String id, String minAmount, String maxAmount) {
        String prefix = "caseflow.bidding.partners[" + index + "].";
        Map<String, String> properties = new HashMap<>();
        properties.put(prefix + "id", id);
        properties.put(prefix + "name", "Bank " + id);
        properties.put(prefix + "min-amount-sek", minAmount);
        properties.put(prefix + "max-amount-sek", maxAmount);
        properties.put(prefix + "min-term-months", "12");
        properties.put(prefix + "max-term-months", "144");
        properties.put(prefix + "minimum-risk-class", "3");
        return properties;
    }

    private static BiddingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("caseflow.bidding", BiddingProperties.class);
    }

    @Test
    void defaultsToADayLongWindowAndThreeRemindersFiveDaysApart() {
        BiddingProperties properties = bind(Map.of());

        assertThat(properties.policy()).isEqualTo(new BiddingPolicy(Duration.ofHours(24), 2, Duration.ofDays(5), 3));
        assertThat(properties.partners()).isEmpty();
    }

    @Test
    void aPartnerMatchesInsideItsRangesAtOrAboveItsRiskClass() {
        Map<String, String> properties = new HashMap<>(partner(0, "nordbank", "20000", "600000"));
        properties.putAll(partner(1, "fjordkredit", "10000", "15000"));
        ConfiguredPartnerDirectory directory =
                new ConfiguredPartnerDirectory(bind(properties).partners());

        assertThat(directory.matching(summary(150_000, 60, 3))).containsExactly("nordbank");
        assertThat(directory.matching(summary(150_000, 60, 2))).isEmpty();
        assertThat(directory.matching(summary(150_000, 145, 5))).isEmpty();
        assertThat(directory.matching(summary(12_000, 12, 5))).containsExactly("fjordkredit");
        assertThat(directory.name("nordbank")).contains("Bank nordbank");
        assertThat(directory.name("nobody")).isEmpty();
    }

    private static PartnerCaseSummary summary(long amount, int term, int riskClass) {
        return new PartnerCaseSummary(amount, term, LoanPurpose.CAR, IncomeBand.FROM_30000_TO_44999, riskClass);
    }

    @ParameterizedTest
    @CsvSource({
        "Nordbank, 20000, 600000, 3",
        "nord bank, 20000, 600000, 3",
        "a-partner-id-that-is-far-too-long-x, 20000, 600000, 3",
        "nordbank, 600000, 20000, 3",
        "nordbank, 0, 600000, 3",
        "nordbank, 20000, 600000, 0",
        "nordbank, 20000, 600000, 6"
    })
    void aBadPartnerStopsStartUp(String id, String minAmount, String maxAmount, String riskClass) {
        Map<String, String> properties = new HashMap<>(partner(0, id, minAmount, maxAmount));
        properties.put("caseflow.bidding.partners[0].minimum-risk-class", riskClass);

        assertThatThrownBy(() -> bind(properties)).isInstanceOf(BindException.class);
    }

    @Test
    void aPartnerListedTwiceOrABadPolicyStopsStartUp() {
        Map<String, String> twice = new HashMap<>(partner(0, "nordbank", "20000", "600000"));
        twice.putAll(partner(1, "nordbank", "10000", "350000"));
        assertThatThrownBy(() -> bind(twice)).isInstanceOf(BindException.class);
        for (Map<String, String> bad : List.of(
                Map.of("caseflow.bidding.minimum-risk-class", "6"),
                Map.of("caseflow.bidding.window", "PT0S"),
                Map.of("caseflow.bidding.debt-letter-reminders", "-1"))) {
            assertThatThrownBy(() -> bind(bad)).as("%s", bad).isInstanceOf(BindException.class);
        }
    }
}
