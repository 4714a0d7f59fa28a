package se.caseflow.domain.api;

/** A Swedish postal address. */
public record Address(String street, String postalCode, String city, String careOf) {

    @Override
    public String toString() {
        return "Address[personal data withheld]";
    }
}
