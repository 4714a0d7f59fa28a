package se.caseflow.uc;

/**
 * What caseflow keeps of an identity-check reply: whether UC knows the person, the register status code
 * (W08020) and the first letter of the surname (W08084), nothing more. This is also what the identity cache
 * holds, under the personnummer's blind index.
 */
record IdentityFacts(Kind kind, String personStatus, String surnameInitial, String detail) {

    enum Kind {
        FOUND,
        NOT_FOUND,
        REFUSED
    }

    static IdentityFacts found(String personStatus, String surnameInitial) {
        return new IdentityFacts(Kind.FOUND, personStatus, surnameInitial, null);
    }

    static IdentityFacts notFound() {
        return new IdentityFacts(Kind.NOT_FOUND, null, null, "UC status error, message " + UcClient.UNKNOWN_OBJECT);
    }

    static IdentityFacts refused(String detail) {
        return new IdentityFacts(Kind.REFUSED, null, null, detail);
    }
}
