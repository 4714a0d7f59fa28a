package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SwedishValuesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"12,5 %|12.5", "12,5%|12.5", "0 %|0", "100|100", " 3,75 % |3.75"})
    void readsPercentages(String raw, String expected) {
        assertThat(SwedishValues.percent(UcField.RISK, raw)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5 %", "12,5 procent", "", "  ", "101 %", "-1 %", "1,2,3 %", "%"})
    void refusesWhatIsNotAPercentage(String raw) {
        assertThatThrownBy(() -> SwedishValues.percent(UcField.RISK, raw))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's W13111 (risk) is not a percentage between 0 and 100 (like 12,5 %)");
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
        assertThat(SwedishValues.wholeAmount(UcField.PAYMENT_REMARKS_SUM, raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,234", "1.234", "12 50", "1 2345", "12,50", "abc", "", "1e6"})
    void refusesWhatIsNotAWholeAmount(String raw) {
        assertThatThrownBy(() -> SwedishValues.wholeAmount(UcField.PAYMENT_REMARKS_SUM, raw))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's W61110 (sum of payment remarks) is not a whole amount (like 1 234 567)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "3,5"})
    void refusesWhatIsNotACount(String raw) {
        assertThatThrownBy(() -> SwedishValues.count(UcField.RECENT_INQUIRIES, raw))
                .isInstanceOf(UnexpectedReplyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tolvan Tolvansson", "19121212-1212", "070-174 06 05 Tolvan"})
    void aFailureNamesTheFieldAndWhatItExpectsNeverTheValue(String raw) {
        for (UcField field : new UcField[] {UcField.RISK, UcField.INCOME, UcField.RECENT_INQUIRIES}) {
            assertThatThrownBy(() -> {
                        switch (field.type()) {
                            case PERCENT -> field.percent(raw);
                            case AMOUNT -> field.kronor(raw);
                            default -> field.count(raw);
                        }
                    })
                    .isInstanceOf(UnexpectedReplyException.class)
                    .hasMessage("UC's " + field.term() + " (" + field.meaning() + ") is not "
                            + field.type().expected())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Tolvan", "1212", "174"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "006", "Tolvan", "0 6", ""})
    void aRegisterStatusIsTwoDigits(String raw) {
        assertThatThrownBy(() -> UcField.PERSON_STATUS.code(raw))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's W08020 (register status) is not a two-digit code");
        assertThat(UcField.PERSON_STATUS.code(" 06 ")).isEqualTo("06");
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
