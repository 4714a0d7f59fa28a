package se.caseflow.domain.personal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import se.caseflow.domain.api.Address;
import se.caseflow.domain.api.ApplicantDetails;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.validation.MobilePhoneNumber;
import se.caseflow.domain.validation.PersonalNumber;

/**
 * Turns an applicant as typed into the applicant as events carry it: normalised and wrapped under the
 * person's subject key. Nothing in the result is plaintext personal data.
 */
public class ApplicantProtector {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private final PersonalDataVault vault;
    private final Clock clock;

    public ApplicantProtector(PersonalDataVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    public ProtectedApplicant protect(ApplicantDetails applicant) {
        String personalNumber = PersonalNumber.parse(
                        applicant.personalNumber(), LocalDate.now(clock.withZone(STOCKHOLM)))
                .normalised();
        String phone = MobilePhoneNumber.normaliseE164(applicant.mobilePhone());
        String name = applicant.firstName().trim() + " " + applicant.lastName().trim();
        String email = applicant.email().trim();
        String subject = vault.subjectFor(personalNumber);
        return new ProtectedApplicant(
                subject,
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.PERSONAL_NUMBER, personalNumber)),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.NAME, name)),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.PHONE_NUMBER, phone)),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.EMAIL, email)),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.ADDRESS, addressLine(applicant.address()))));
    }

    private static String addressLine(Address address) {
        String careOf = address.careOf() == null || address.careOf().isBlank() ? "" : "c/o " + address.careOf() + ", ";
        return careOf + address.street() + ", " + address.postalCode() + " " + address.city();
    }
}
