package se.caseflow.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MobilePhoneNumberTest {

    @ParameterizedTest
    @CsvSource({
        "070-123 45 67,     +46701234567",
        "+46 70 123 45 67,  +46701234567",
        "0046701234567,     +46701234567",
        "0701234567,        +46701234567",
        "070-1740605,       +46701740605",
        "(070) 174 06 05,   +46701740605",
        "073-123 45 67,     +46731234567",
        "076.123.45.67,     +46761234567",
        "+47 412 34 567,    +4741234567"
    })
    void normalisesMobileNumbersToE164(String input, String e164) {
        assertThat(MobilePhoneNumber.normaliseE164(input)).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "08-123 456 78      | it is a landline number, not a mobile number",
                "+46 8 123 456 78   | it is a landline number, not a mobile number",
                "020-123 456        | it is not a mobile number",
                "0701234            | it is not a valid number in its country's numbering plan",
                "070 12             | it has too few digits",
                "+46                | it cannot be read as a phone number",
                "070123456789012    | it has too many digits",
                "+999 70 123 45 67  | the country code does not exist",
                "070-CALL-ME        | it may contain only digits, spaces, '-', '(', ')', '.', '/' and a leading '+'",
                "070 123 45 67 x12  | it may contain only digits, spaces, '-', '(', ')', '.', '/' and a leading '+'",
                "46+701234567       | it may contain only digits, spaces, '-', '(', ')', '.', '/' and a leading '+'",
                "0123456789012345678901234567890123 | it is longer than 32 characters"
            })
    void rejectsWhatCannotReceiveAnSms(String input, String reason) {
        assertThatThrownBy(() -> MobilePhoneNumber.normaliseE164(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a valid mobile phone number: " + reason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsAMissingValue(String input) {
        assertThatThrownBy(() -> MobilePhoneNumber.normaliseE164(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a valid mobile phone number: no value given");
    }
}
