package se.caseflow.domain.sms;

import se.caseflow.domain.api.SmsEncoding;

/**
 * How long a text is as the network counts it, computed here so staff see it before sending: in the GSM
 * 7-bit alphabet (3GPP TS 23.038; characters of the extension table count twice) when every character is
 * in it, otherwise in UCS-2 (UTF-16 code units). One segment holds 160 septets or 70 units; a concatenated
 * message loses 7 septets or 3 units per segment to its header (153 / 67).
 */
public record SmsLength(SmsEncoding encoding, int length, int segments) {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    public static SmsLength of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                return new SmsLength(SmsEncoding.UCS2, units, segments(units, 70, 67));
            }
        }
        return new SmsLength(SmsEncoding.GSM7, septets, segments(septets, 160, 153));
    }

    private static int segments(int length, int single, int perPart) {
        if (length == 0) {
            return 1;
        }
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
