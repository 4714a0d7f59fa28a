package se.caseflow.domain.personal;

import java.util.EnumSet;
import java.util.Set;

/** The only callers allowed to unwrap personal data, each for the kinds it needs and nothing more. */
public enum TrustedCaller {
    SMS_SENDER(EnumSet.of(PersonalDataKind.PHONE_NUMBER)),
    UC_ADAPTER(EnumSet.of(PersonalDataKind.PERSONAL_NUMBER)),
    STAFF_PROJECTION(EnumSet.of(PersonalDataKind.NAME)),
    SMS_INBOX(EnumSet.of(PersonalDataKind.INBOUND_SMS));

    private final Set<PersonalDataKind> kinds;

    TrustedCaller(Set<PersonalDataKind> kinds) {
        this.kinds = kinds;
    }

    public boolean mayUnwrap(PersonalDataKind kind) {
        return kinds.contains(kind);
    }
}
