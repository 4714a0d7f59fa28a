package se.caseflow.uc;

/**
 * The mapping from caseflow's field codes to UC's terms: {@code ourFieldCode -> (group, W-code, data type,
 * unit)}. Groups are found by their W-code and index (0 the person asked about), terms by their W-code. The
 * codes come from UC's public WSDL and the parsers of moneygoab/framework42 (see docs/adr/0013): income is
 * taken from W49122 (group W491, in thousands of kronor, which that repository's credit parser multiplies
 * by 1,000) rather than W49522 (group W495), whose unit no public source states.
 */
enum UcField {
    FULL_NAME("W080", "W08083", "full name", Type.TEXT, Unit.NONE),
    SURNAME("W080", "W08084", "surname", Type.TEXT, Unit.NONE),
    FIRST_NAME("W080", "W08085", "first name", Type.TEXT, Unit.NONE),
    PERSON_STATUS("W080", "W08020", "register status", Type.CODE, Unit.NONE),
    RISK("W131", "W13111", "risk", Type.PERCENT, Unit.PERCENT),
    RECOMMENDED_CREDIT("W131", "W13106", "recommended credit", Type.AMOUNT, Unit.SEK),
    INCOME("W491", "W49122", "income", Type.AMOUNT, Unit.THOUSAND_SEK),
    PAYMENT_REMARKS("W611", "W61109", "payment remarks", Type.COUNT, Unit.NONE),
    PAYMENT_REMARKS_SUM("W611", "W61110", "sum of payment remarks", Type.AMOUNT, Unit.SEK),
    RECENT_INQUIRIES("W640", "W64001", "recent inquiries", Type.COUNT, Unit.NONE);

    /** What kind of value a term holds: how it is read, and what a failure to read it says (no value). */
    enum Type {
        TEXT("text"),
        CODE("a two-digit code"),
        PERCENT("a percentage between 0 and 100 (like 12,5 %)"),
        AMOUNT("a whole amount (like 1 234 567)"),
        COUNT("a count (a whole number, not negative)");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for a failure's fixed text. */
        String expected() {
            return expected;
        }
    }

    enum Unit {
        NONE,
        PERCENT,
        SEK,
        THOUSAND_SEK
    }

    private static final java.util.regex.Pattern TWO_DIGITS = java.util.regex.Pattern.compile("\\d{2}");

    private final String group;
    private final String term;
    private final String meaning;
    private final Type type;
    private final Unit unit;

    UcField(String group, String term, String meaning, Type type, Unit unit) {
        this.group = group;
        this.term = term;
        this.meaning = meaning;
        this.type = type;
        this.unit = unit;
    }

    String group() {
        return group;
    }

    String term() {
        return term;
    }

    /** What the term means, in a few words of caseflow's own. */
    String meaning() {
        return meaning;
    }

    /** {@code W13111 (risk)}: the field as a failure's fixed text names it. */
    String describe() {
        return term + " (" + meaning + ")";
    }

    Type type() {
        return type;
    }

    Unit unit() {
        return unit;
    }

    /** A {@link Type#CODE} value, stripped; {@link UnexpectedReplyException} when it is not two digits. */
    String code(String raw) {
        if (type != Type.CODE) {
            throw new IllegalStateException(this + " holds " + type + ", not a code");
        }
        String code = raw.strip();
        if (!TWO_DIGITS.matcher(code).matches()) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, this);
        }
        return code;
    }

    /** A {@link Type#PERCENT} value. */
    java.math.BigDecimal percent(String raw) {
        requireType(Type.PERCENT);
        return SwedishValues.percent(this, raw);
    }

    /** A {@link Type#COUNT} value. */
    int count(String raw) {
        requireType(Type.COUNT);
        return SwedishValues.count(this, raw);
    }

    private void requireType(Type expected) {
        if (type != expected) {
            throw new IllegalStateException(this + " holds " + type + ", not " + expected);
        }
    }

    /** Whole kronor from a {@link Type#AMOUNT} in this field's unit. */
    long kronor(String raw) {
        requireType(Type.AMOUNT);
        long value = SwedishValues.wholeAmount(this, raw);
        return unit == Unit.THOUSAND_SEK ? Math.multiplyExact(value, 1000L) : value;
    }
}
