package se.caseflow.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    @ParameterizedTest
    @CsvSource({
        // Skatteverket's test person Tolvan Tolvansson in every accepted spelling
        "19121212-1212, 191212121212, 1912-12-12",
        "191212121212,  191212121212, 1912-12-12",
        "121212+1212,   191212121212, 1912-12-12",
        "121212-1212,   201212121212, 2012-12-12",
        "1212121212,    201212121212, 2012-12-12",
        "20121212-1212, 201212121212, 2012-12-12",
        "811218-9876,   198112189876, 1981-12-18",
        "640823-3234,   196408233234, 1964-08-23",
        // '-': the latest century that is not in the future; born today is fine, tomorrow is last century
        "250615-1238,   202506151238, 2025-06-15",
        "250616-1237,   192506161237, 1925-06-16",
        // '+': 100 or older; the 100th birthday today counts
        "250615+1238,   192506151238, 1925-06-15",
        "250616+1237,   182506161237, 1825-06-16",
        "000229-1235,   200002291235, 2000-02-29"
    })
    void parsesValidNumbers(String input, String normalised, LocalDate birthDate) {
        PersonalNumber number = PersonalNumber.parse(input, TODAY);

        assertThat(number.normalised()).isEqualTo(normalised);
        assertThat(number.birthDate()).isEqualTo(birthDate);
        assertThat(number.isCoordinationNumber()).isFalse();
    }

    @Test
    void recognisesACoordinationNumber() {
        PersonalNumber number = PersonalNumber.parse("701063-2391", TODAY);

        assertThat(number.isCoordinationNumber()).isTrue();
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1970, 10, 3));
        assertThat(number.normalised()).isEqualTo("197010632391");
        assertThat(PersonalNumber.parse("197010632391", TODAY)).isEqualTo(number);
    }

    @Test
    void theSameNumberInDifferentSpellingsIsEqual() {
        PersonalNumber a = PersonalNumber.parse("19121212-1212", TODAY);
        PersonalNumber b = PersonalNumber.parse("121212+1212", TODAY);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(PersonalNumber.parse("121212-1212", TODAY));
    }

    @Test
    void toStringWithholdsTheNumber() {
        assertThat(PersonalNumber.parse("19121212-1212", TODAY).toString())
                .doesNotContain("1212")
                .contains("withheld");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "19121212-1213 | check digit does not match",
                "121212-1213   | check digit does not match",
                "701063-2392   | check digit does not match",
                "19230230-1234 | the date of birth is not a valid calendar date",
                "000229+1235   | the date of birth is not a valid calendar date",
                "19121312-1212 | the month must be 01 to 12",
                "19120012-1212 | the month must be 01 to 12",
                "19121200-1212 | the day must be 01 to 31, or 61 to 91 for a coordination number",
                "19121232-1212 | the day must be 01 to 31, or 61 to 91 for a coordination number",
                "19121292-1212 | the day must be 01 to 31, or 61 to 91 for a coordination number",
                "12121212121   | it must have 10 digits (YYMMDD-NNNC) or 12 digits (YYYYMMDDNNNC), not 11",
                "121212-121    | it must have 10 digits (YYMMDD-NNNC) or 12 digits (YYYYMMDDNNNC), not 9",
                "1912121212123 | it must have 10 digits (YYMMDD-NNNC) or 12 digits (YYYYMMDDNNNC), not 13",
                "19121212-12A2 | it may contain only digits and a '-' or '+' before the last four digits",
                "TOLVAN        | it may contain only digits and a '-' or '+' before the last four digits",
                "1212-121212   | a '-' or '+' may only stand right before the last four digits",
                "121212--1212  | a '-' or '+' may only stand right before the last four digits",
                "19121212+1212 | '+' is only used with the 10-digit form",
                "20991212-1234 | the date of birth is in the future",
                "17991212-1212 | the year of birth must be 1800 or later"
            })
    void rejectsInvalidNumbersSayingWhy(String input, String reason) {
        assertThatThrownBy(() -> PersonalNumber.parse(input, TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a valid Swedish personal identity number: " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 121212-1212", "121212-1212 ", "121212 1212", "１２１２１２-１２１２"})
    void rejectsStrayCharacters(String input) {
        assertThatThrownBy(() -> PersonalNumber.parse(input, TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may contain only digits");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsAMissingValue(String input) {
        assertThatThrownBy(() -> PersonalNumber.parse(input, TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a valid Swedish personal identity number: no value given");
    }

    @Test
    void neverQuotesTheInputInTheMessage() {
        assertThatThrownBy(() -> PersonalNumber.parse("19121212-1213", TODAY))
                .message()
                .doesNotContain("19121212")
                .doesNotContain("1213");
    }
}
