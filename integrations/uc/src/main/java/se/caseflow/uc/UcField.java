package se.caseflow.uc;

/**
 * The mapping from caseflow's field codes to UC's terms: {@code ourFieldCode -> (group, W-code, data type,
 * unit)}. Groups are found by their W-code and index (0 the person asked about), terms by their W-code. The
 * codes come from UC's public WSDL and the parsers of moneygoab/framework42 (see docs/adr/0013): income is
 * taken from W49122 (group W491, in thousands of kronor, which that repository's credit parser multiplies
 * by 1,000) rather than W49522 (group W495), whose unit no public source states.
 */
enum UcField {
    FULL_NAME("W080", "W08083", Type.TEXT, Unit.NONE),
    SURNAME("W080", "W08084", Type.TEXT, Unit.NONE),
    FIRST_NAME("W080", "W08085", Type.TEXT, Unit.NONE),
    PERSON_STATUS("W080", "W08020", Type.CODE, Unit.NONE),
    RISK("W131", "W13111", Type.PERCENT, Unit.PERCENT),
    RECOMMENDED_CREDIT("W131", "W13106", Type.AMOUNT, Unit.SEK),
    INCOME("W491", "W49122", Type.AMOUNT, Unit.THOUSAND_SEK),
    PAYMENT_REMARKS("W611", "W61109", Type.COUNT, Unit.NONE),
    PAYMENT_REMARKS_SUM("W611", "W61110", Type.AMOUNT, Unit.SEK),
    RECENT_INQUIRIES("W640", "W64001", Type.COUNT, Unit.NONE);

    enum Type {
        TEXT,
        CODE,
        PERCENT,
        AMOUNT,
        COUNT
    }

    enum Unit {
        NONE,
        PERCENT,
        SEK,
        THOUSAND_SEK
    }

    private final String group;
    private final String term;
    private final Type type;
    private final Unit unit;

    UcField(String group, String term, Type type, Unit unit) {
        this.group = group;
        this.term = term;
        this.type = type;
        this.unit = unit;
    }

    String group() {
        return group;
    }

    String term() {
        return term;
    }

    Type type() {
        return type;
    }

    Unit unit() {
        return unit;
    }

    /** Whole kronor from an amount in this field's unit. */
    long kronor(String raw) {
        long value = SwedishValues.wholeAmount(term, raw);
        return unit == Unit.THOUSAND_SEK ? Math.multiplyExact(value, 1000L) : value;
    }
}
