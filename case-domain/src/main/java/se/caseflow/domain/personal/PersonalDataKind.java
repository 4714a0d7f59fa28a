package se.caseflow.domain.personal;

/** The kinds of personal data the secrets store wraps; unwrap rights are granted per kind. */
public enum PersonalDataKind {
    PERSONAL_NUMBER,
    NAME,
    PHONE_NUMBER,
    EMAIL,
    ADDRESS,
    /** An inbound SMS as received (sender and text), kept in the inbox until it is routed to its case. */
    INBOUND_SMS,
    /** Free text about a person: notes, close comments, follow-up notes, SMS bodies. */
    FREE_TEXT
}
