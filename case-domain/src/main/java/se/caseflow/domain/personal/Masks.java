package se.caseflow.domain.personal;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Display masks: enough for staff to recognise a person on screen, too little to identify one. */
public final class Masks {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern POSTAL_CODE = Pattern.compile("^\\d{3}\\s?\\d{2}\\s+");

    private Masks() {}

    /** {@code 191212121212} -> {@code 19121212-****}: the birth date stays, the last four go. */
    public static String personalNumber(String normalised) {
        return normalised.substring(0, 8) + "-****";
    }

    /** {@code +46701234512} -> {@code +4670*****12}: country and operator prefix, last two digits. */
    public static String phone(String e164) {
        int hidden = Math.max(0, e164.length() - 7);
        return e164.substring(0, 5) + "*".repeat(hidden) + e164.substring(e164.length() - 2);
    }

    /** {@code anna.svensson@example.se} -> {@code a***@example.se}. */
    public static String email(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** {@code Anna Maria Svensson} -> {@code A*** M*** S***}. */
    public static String name(String fullName) {
        return WHITESPACE
                .splitAsStream(fullName.trim())
                .map(part -> part.charAt(0) + "***")
                .collect(Collectors.joining(" "));
    }

    /** Only the postal town is shown: {@code *** Stockholm}. */
    public static String address(String city) {
        return "*** " + city.trim();
    }

    /** The mask of a wrapped address line ({@code c/o X, Storgatan 1, 111 22 Stockholm} -> {@code *** Stockholm}). */
    public static String addressLine(String line) {
        String last = line.substring(line.lastIndexOf(',') + 1);
        return address(POSTAL_CODE.matcher(last.trim()).replaceFirst(""));
    }
}
