package se.caseflow.domain.personal;

/** The outcome of opening a token: the plaintext, or the fact that the person was erased. */
public sealed interface Unwrapped {

    record Revealed(String plaintext) implements Unwrapped {
        @Override
        public String toString() {
            return "Revealed[withheld]";
        }
    }

    record Erased(String subject) implements Unwrapped {}
}
