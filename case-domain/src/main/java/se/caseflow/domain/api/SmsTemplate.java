package se.caseflow.domain.api;

/** The SMS texts the case flow needs, in Swedish; staff may also write their own. */
public enum SmsTemplate {
    IDENTITY_CHECKED("Hej! Vi har kontrollerat din identitet och arbetar nu vidare med din låneansökan. "
            + "Vi hör av oss så snart långivarna har svarat. Mvh Caseflow"),
    OFFERS_READY("Hej! Nu har du fått erbjudanden på ditt lån. Logga in för att jämföra dem och välja det "
            + "som passar dig bäst. Mvh Caseflow"),
    DEBT_LETTER_SENT("Hej! Ditt skuldebrev har skickats till dig för signering. Signera det med BankID så "
            + "betalas lånet ut. Mvh Caseflow");

    private final String text;

    SmsTemplate(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
