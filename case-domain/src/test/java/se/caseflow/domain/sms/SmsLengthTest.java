package se.caseflow.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsTemplate;

class SmsLengthTest {

    @Test
    void swedishLettersAreGsm7AndExtensionCharactersCountTwice() {
        assertThat(SmsLength.of("Hej Åsa, här är ditt lån")).isEqualTo(new SmsLength(SmsEncoding.GSM7, 24, 1));
        assertThat(SmsLength.of("Pris: 100 €")).isEqualTo(new SmsLength(SmsEncoding.GSM7, 12, 1));
        assertThat(SmsLength.of("a".repeat(160))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 160, 1));
        assertThat(SmsLength.of("a".repeat(161))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 161, 2));
        assertThat(SmsLength.of("a".repeat(306))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 306, 2));
        assertThat(SmsLength.of("a".repeat(307))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 307, 3));
    }

    @Test
    void anyOtherCharacterMakesTheWholeTextUcs2() {
        assertThat(SmsLength.of("Tack 😀")).isEqualTo(new SmsLength(SmsEncoding.UCS2, 7, 1));
        assertThat(SmsLength.of("ł".repeat(70))).isEqualTo(new SmsLength(SmsEncoding.UCS2, 70, 1));
        assertThat(SmsLength.of("ł".repeat(71))).isEqualTo(new SmsLength(SmsEncoding.UCS2, 71, 2));
        assertThat(SmsLength.of("ł".repeat(135))).isEqualTo(new SmsLength(SmsEncoding.UCS2, 135, 3));
    }

    @Test
    void theTemplatesAreSwedishGsm7Texts() {
        for (SmsTemplate template : SmsTemplate.values()) {
            SmsLength length = SmsLength.of(template.text());
            assertThat(length.encoding()).as(template.name()).isEqualTo(SmsEncoding.GSM7);
            assertThat(length.segments()).as(template.name()).isEqualTo(1);
        }
    }
}
