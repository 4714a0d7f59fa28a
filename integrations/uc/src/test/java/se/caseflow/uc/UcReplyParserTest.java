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
                .hasMessage("UC's reply is not well-formed XML, or it holds a DOCTYPE");
    }

    @Test
    void refusesWhatIsNotAUcReply() {
        assertThatThrownBy(() -> UcReplyParser.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("UC's reply is not a SOAP 1.1 envelope");
        assertThatThrownBy(() -> UcReplyParser.parse(envelope("<other/>")))
                .hasMessage("UC's SOAP Body holds no ucReply");
        assertThatThrownBy(() -> UcReplyParser.parse(
                        envelope("<ucReply xmlns=\"http://www.uc.se/schemas/ucOrderReply/\"><status/></ucReply>")))
                .hasMessage("UC's ucReply has no status@result");
        assertThatThrownBy(
                        () -> UcReplyParser.parse(
                                envelope(
                                        "<ucReply xmlns=\"http://www.uc.se/schemas/ucOrderReply/\">"
                                                + "<status result=\"ok\"/><ucReport><xmlReply><reports><report>"
                                                + "<group id=\"W131\" index=\"first\"/></report></reports></xmlReply></ucReport></ucReply>")))
                .hasMessage("A group in UC's reply has an index that is not a number");
    }

    @Test
    void noFailureQuotesTheReply() {
        String name = "Tolvan Tolvansson 19121212-1212";
        assertThatThrownBy(() -> UcReplyParser.parse(
                        ("<" + name.replace(' ', '_').replace("-", "") + "/>").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("UC's reply is not a SOAP 1.1 envelope");
        assertThatThrownBy(() -> UcReplyParser.parse(envelope("<p>&Tolvansson;</p>")))
                .hasMessage("UC's reply is not well-formed XML, or it holds a DOCTYPE")
                .satisfies(e -> assertThat(e.getCause().getMessage())
                        .as("the XML parser's own message quotes the reply: it stays in the cause")
                        .contains("Tolvansson"));
        assertThatThrownBy(
                        () -> UcReplyParser.parse(envelope("<ucReply xmlns=\"http://www.uc.se/schemas/ucOrderReply/\">"
                                + "<status result=\"ok\"/><ucReport><xmlReply><reports><report>"
                                + "<group id=\"W080\" index=\"" + name + "\"/></report></reports></xmlReply></ucReport>"
                                + "</ucReply>")))
                .hasMessage("A group in UC's reply has an index that is not a number");
        assertThatThrownBy(() ->
                        UcReplyParser.parse(envelope("<s:Fault xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                                + "<faultcode>" + name + "</faultcode></s:Fault>")))
                .hasMessage("UC answered with a SOAP fault");
        assertThatThrownBy(() ->
                        UcReplyParser.parse(envelope("<s:Fault xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                                + "<faultcode>s:Client</faultcode><faultstring>" + name + "</faultstring></s:Fault>")))
                .hasMessage("UC answered with a SOAP fault (Client)");
    }
}
