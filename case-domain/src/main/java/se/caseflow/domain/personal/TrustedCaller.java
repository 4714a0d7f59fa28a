package se.caseflow.domain.personal;

import java.util.EnumSet;
import java.util.Set;

/** The only callers allowed to unwrap personal data, each for the kinds it needs and nothing more. */
public enum TrustedCaller {
    /** The recipient and the text of an SMS. */
    SMS_SENDER(EnumSet.of(PersonalDataKind.PHONE_NUMBER, PersonalDataKind.FREE_TEXT)),
    /** The personnummer for UC's object reference; the name to compare UC's surname with its initials. */
    UC_ADAPTER(EnumSet.of(PersonalDataKind.PERSONAL_NUMBER, PersonalDataKind.NAME)),
    /**
     * The name in full on the staff document; every other kind only to make its display mask (events carry no
     * masks) and, for the phone, the SMS routing index on the read side.
     */
    STAFF_PROJECTION(EnumSet.complementOf(EnumSet.of(PersonalDataKind.INBOUND_SMS))),
    /** An inbound SMS as received, to route it from the inbox to its case. */
    SMS_INBOX(EnumSet.of(PersonalDataKind.INBOUND_SMS));

    private final Set<PersonalDataKind> kinds;

    TrustedCaller(Set<PersonalDataKind> kinds) {
        this.kinds = kinds;
    }

    public boolean mayUnwrap(PersonalDataKind kind) {
        return kinds.contains(kind);
    }
}
