package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SwedishValuesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"12,5 %|12.5", "12,5%|12.5", "0 %|0", "100|100", " 3,75 % |3.75"})
    void readsPercentages(String raw, String expected) {
        assertThat(SwedishValues.percent("W13111", raw)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5 %", "12,5 procent", "", "  ", "101 %", "-1 %", "1,2,3 %", "%"})
    void refusesWhatIsNotAPercentage(String raw) {
        assertThatThrownBy(() -> SwedishValues.percent("W13111", raw))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessageStartingWith("W13111 ");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "150000|150000",
                "150 000|150000",
                "1 234 567|1234567",
                "1\u00A0234\u00A0567|1234567",
                "1\u202F234|1234",
                "12 500 kr|12500",
                "-4 000|-4000",
                "0|0"
            })
    void readsWholeAmountsWithSwedishGrouping(String raw, long expected) {
        assertThat(SwedishValues.wholeAmount("W61110", raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,234", "1.234", "12 50", "1 2345", "12,50", "abc", "", "1e6"})
    void refusesWhatIsNotAWholeAmount(String raw) {
        assertThatThrownBy(() -> SwedishValues.wholeAmount("W61110", raw))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessageStartingWith("W61110 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "3,5"})
    void refusesWhatIsNotACount(String raw) {
        assertThatThrownBy(() -> SwedishValues.count("W64001", raw)).isInstanceOf(UnexpectedReplyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25", "20261125"})
    void readsDates(String raw) {
        assertThat(SwedishValues.date("W08090", raw)).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25/11/2026", "2026-13-01", "261125"})
    void refusesWhatIsNotADate(String raw) {
        assertThatThrownBy(() -> SwedishValues.date("W08090", raw)).isInstanceOf(UnexpectedReplyException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"420|420000", "1 250|1250000"})
    void incomeIsReportedInThousandsOfKronor(String raw, long kronor) {
        assertThat(UcField.INCOME.kronor(raw)).isEqualTo(kronor);
        assertThat(UcField.INCOME.unit()).isEqualTo(UcField.Unit.THOUSAND_SEK);
        assertThat(UcField.PAYMENT_REMARKS_SUM.kronor(raw)).isEqualTo(Long.parseLong(raw.replace(" ", "")));
    }
}
