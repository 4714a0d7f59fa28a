package se.caseflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link ByteStoreScan} looks for: every form a datum about a person may take in a store, each under a name
 * that says which datum and which form ({@code "personnummer 10 digits with dash"}, {@code "HMAC(...) base64"}).
 * Matching ignores case (an e-mail address in any case is the same address); a needle of digits only matches where
 * no digit stands next to it, so a birth date inside a longer number is not taken for one, and one of under 8 digits
 * ({@code 811218}) where no letter does either, so a run of digits inside a hex id is not taken for one.
 */
public final class Needles {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, String> forms = new LinkedHashMap<>();

    /** Looks for {@code value} (ignoring case), reported as {@code form}. */
    public Needles text(String form, String value) {
        if (value.length() < 4) {
            throw new IllegalArgumentException("a needle of under 4 characters finds noise: " + form);
        }
        forms.putIfAbsent(value.toLowerCase(Locale.ROOT), form);
        return this;
    }

    /** A 12-digit personnummer ({@code 198112189876}) in its 12- and 10-digit forms, with and without dash. */
    public Needles personalNumber(String label, String twelveDigits) {
        String ten = twelveDigits.substring(2);
        text(label + " 12 digits", twelveDigits);
        text(label + " 12 digits with dash", twelveDigits.substring(0, 8) + "-" + twelveDigits.substring(8));
        text(label + " 10 digits", ten);
        text(label + " 10 digits with dash", ten.substring(0, 6) + "-" + ten.substring(6));
        return this;
    }

    /** A birth date as {@code 19811218}, {@code 811218} and {@code 1981-12-18}. */
    public Needles birthDate(String label, LocalDate date) {
        String basic = date.format(YYYYMMDD);
        text(label + " yyyyMMdd", basic);
        text(label + " yyMMdd", basic.substring(2));
        return text(label + " yyyy-MM-dd", date.toString());
    }

    /** A Swedish mobile number given as {@code +46701234567}, in every common way of writing it. */
    public Needles swedishMobile(String label, String e164) {
        String national = "0" + e164.substring(3);
        String area = national.substring(0, 3);
        String rest = national.substring(3);
        String spacedRest = rest.substring(0, 3) + " " + rest.substring(3, 5) + " " + rest.substring(5);
        text(label + " E.164", e164);
        text(label + " without plus", e164.substring(1));
        text(label + " international prefix 00", "00" + e164.substring(1));
        text(label + " national", national);
        text(label + " national with dash", area + "-" + rest);
        text(label + " national with dash and spaces", area + "-" + spacedRest);
        text(label + " national with spaces", area + " " + spacedRest);
        return text(label + " international with spaces", "+46 " + area.substring(1) + " " + spacedRest);
    }

    /** Bytes such as an HMAC tag, as raw bytes, hex, base64 (with and without padding) and base64url. */
    public Needles bytes(String form, byte[] value) {
        text(form + " raw", new String(value, StandardCharsets.ISO_8859_1));
        text(form + " hex", HexFormat.of().formatHex(value));
        text(form + " base64", Base64.getEncoder().encodeToString(value));
        text(form + " base64 unpadded", Base64.getEncoder().withoutPadding().encodeToString(value));
        return text(form + " base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    }

    /** Every needle (lower case) with its form. */
    Map<String, String> forms() {
        return Collections.unmodifiableMap(forms);
    }

    /** How many needles there are. */
    public int size() {
        return forms.size();
    }
}
