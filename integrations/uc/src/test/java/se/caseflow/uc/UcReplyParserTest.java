package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UcReplyParserTest {

    private static byte[] envelope(String body) {
        return ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + body
                        + "</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsStatusGroupsAndTermsWithQualifiedOrPlainAttributes() {
        UcReply reply = UcReplyParser.parse(envelope("<r:ucReply xmlns:r=\"http://www.uc.se/schemas/ucOrderReply/\">"
                + "<r:status r:result=\"ok\"/><r:ucReport><r:xmlReply><r:reports r:lang=\"swe\">"
                + "<r:report r:index=\"0\" r:level=\"1\" r:name=\"x\" r:styp=\"y\">"
                + "<r:group r:id=\"W131\" r:index=\"0\" r:level=\"1\" r:name=\"a\"><r:term r:id=\"W13111\" r:level=\"1\">"
                + "12,5 %</r:term></r:group>"
                + "<r:group id=\"W131\" index=\"1\" level=\"1\" name=\"a\"><r:term id=\"W13111\" level=\"1\">7 %</r:term>"
                + "</r:group></r:report></r:reports></r:xmlReply></r:ucReport></r:ucReply>"));

        assertThat(reply.isError()).isFalse();
        assertThat(reply.value(UcField.RISK)).contains("12,5 %");
        assertThat(reply.group("W131", 1).orElseThrow().terms()).containsEntry("W13111", "7 %");
        assertThat(reply.value(UcField.INCOME)).isEmpty();
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverResolved() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>&x;</s:Body>"
                        + "</s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UcReplyParser.parse(xxe))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesWhatIsNotAUcReply() {
        assertThatThrownBy(() -> UcReplyParser.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("not a SOAP 1.1 envelope: <html>");
        assertThatThrownBy(() -> UcReplyParser.parse(envelope("<other/>")))
                .hasMessage("SOAP Body holds no ucReply in http://www.uc.se/schemas/ucOrderReply/");
        assertThatThrownBy(() -> UcReplyParser.parse(
                        envelope("<ucReply xmlns=\"http://www.uc.se/schemas/ucOrderReply/\"><status/></ucReply>")))
                .hasMessage("ucReply without status@result");
        assertThatThrownBy(
                        () -> UcReplyParser.parse(
                                envelope(
                                        "<ucReply xmlns=\"http://www.uc.se/schemas/ucOrderReply/\">"
                                                + "<status result=\"ok\"/><ucReport><xmlReply><reports><report>"
                                                + "<group id=\"W131\" index=\"first\"/></report></reports></xmlReply></ucReport></ucReply>")))
                .hasMessage("group W131 has index 'first', not a number");
    }
}
