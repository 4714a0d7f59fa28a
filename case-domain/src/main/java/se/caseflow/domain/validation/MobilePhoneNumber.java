package se.caseflow.domain.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;

/** Mobile phone numbers as typed in Sweden, normalised to E.164 for SMS. */
public final class MobilePhoneNumber {

    private static final String WHAT = "mobile phone number";
    private static final String DEFAULT_REGION = "SE";
    private static final int MAX_INPUT_LENGTH = 32;
    // libphonenumber would also accept letters (vanity numbers) and extensions; a mobile number for SMS has neither.
    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("\\+?[0-9 ()./-]+");
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private MobilePhoneNumber() {}

    /**
     * Normalises {@code 070-123 45 67}, {@code +46 70 123 45 67} or {@code 0046701234567} to {@code
     * +46701234567}. Numbers without a country prefix are read as Swedish; other countries' mobile numbers
     * are accepted with their prefix.
     *
     * @throws IllegalArgumentException naming what is wrong (never quoting the input)
     */
    public static String normaliseE164(String input) {
        if (input == null || input.isBlank()) {
            throw invalid("no value given");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw invalid("it is longer than " + MAX_INPUT_LENGTH + " characters");
        }
        if (!ALLOWED_CHARACTERS.matcher(input.strip()).matches()) {
            throw invalid("it may contain only digits, spaces, '-', '(', ')', '.', '/' and a leading '+'");
        }
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(input, DEFAULT_REGION);
        } catch (NumberParseException e) {
            throw invalid(
                    switch (e.getErrorType()) {
                        case INVALID_COUNTRY_CODE -> "the country code does not exist";
                        case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "it has too few digits";
                        case TOO_LONG -> "it has too many digits";
                        default -> "it cannot be read as a phone number";
                    });
        }
        switch (PHONE_NUMBERS.isPossibleNumberWithReason(number)) {
            case TOO_SHORT, INVALID_LENGTH -> throw invalid("it has too few digits");
            case TOO_LONG -> throw invalid("it has too many digits");
            case INVALID_COUNTRY_CODE -> throw invalid("the country code does not exist");
            default -> {}
        }
        if (!PHONE_NUMBERS.isValidNumber(number)) {
            throw invalid("it is not a valid number in its country's numbering plan");
        }
        PhoneNumberType type = PHONE_NUMBERS.getNumberType(number);
        if (type == PhoneNumberType.FIXED_LINE) {
            throw invalid("it is a landline number, not a mobile number");
        }
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw invalid("it is not a mobile number");
        }
        return PHONE_NUMBERS.format(number, PhoneNumberFormat.E164);
    }

    private static InvalidValueException invalid(String reason) {
        return new InvalidValueException(WHAT, reason);
    }
}
