package se.caseflow.projections;

import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;

/** The projections ask the vault only for blind indexes; this one indexes a value as itself and does nothing else. */
public final class SelfIndexingVault implements PersonalDataVault {

    @Override
    public String subjectFor(String normalisedPersonalNumber) {
        throw new UnsupportedOperationException("the read side never makes subjects");
    }

    @Override
    public String wrap(String subject, PersonalDataKind kind, String plaintext) {
        throw new UnsupportedOperationException("the read side never wraps");
    }

    @Override
    public boolean isErased(String subject) {
        throw new UnsupportedOperationException("the read side never asks");
    }

    @Override
    public String blindIndex(PersonalDataKind kind, String normalisedValue) {
        return normalisedValue;
    }
}
