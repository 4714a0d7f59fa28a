package se.caseflow.domain.personal;

/** A caller asked for a kind of personal data it is not allowed to see. */
public class UnwrapRefusedException extends RuntimeException {

    public UnwrapRefusedException(TrustedCaller caller, PersonalDataKind kind) {
        super(caller + " may not unwrap " + kind);
    }
}
