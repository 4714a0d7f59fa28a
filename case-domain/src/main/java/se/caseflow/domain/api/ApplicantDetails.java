package se.caseflow.domain.api;

/** An applicant as typed by staff or sent by a channel: plaintext personal data, never stored as such. */
public record ApplicantDetails(
        String personalNumber, String firstName, String lastName, String mobilePhone, String email, Address address) {

    @Override
    public String toString() {
        return "ApplicantDetails[personal data withheld]";
    }
}
