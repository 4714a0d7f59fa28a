package se.caseflow.web.partner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.validation.Violation;
import se.caseflow.web.forms.FormCommands;
import se.caseflow.web.forms.FormErrors;
import se.caseflow.web.forms.FormField;
import se.caseflow.web.forms.FormPayload;

/**
 * The partner's bid form and how typed text becomes {@code PlaceBid}/{@code ReviseBid}'s {@code terms}: kronor
 * as whole numbers, interest in percent with a decimal comma or point, the monthly cost in kronor with öre
 * converted to whole öre exactly (BigDecimal, never double). What is not a number stays text for the partner
 * gate to refuse; the gate's violations ({@code /terms/monthlyCostOre}) are shown at their inputs.
 */
final class BidForm {

    static final List<FormField> FIELDS = List.of(
            new FormField("amountSek", "Amount (kr)", "number", List.of(), true, null, "Whole kronor"),
            new FormField(
                    "nominalRate",
                    "Nominal interest (%)",
                    "decimal",
                    List.of(),
                    true,
                    null,
                    "Percent, decimal comma or point: 4,5"),
            new FormField(
                    "effectiveRate",
                    "Effective interest (%)",
                    "decimal",
                    List.of(),
                    true,
                    null,
                    "Percent, with all fees"),
            new FormField("termMonths", "Term (months)", "number", List.of(), true, null, null),
            new FormField(
                    "monthlyCost", "Monthly cost (kr)", "decimal", List.of(), true, null, "Kronor and öre: 2 345,67"),
            new FormField("validUntil", "Valid until", "date", List.of(), true, null, "The last day the offer holds"));

    /** The command's property of each field, under {@code terms}. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "amountSek", "amountSek",
            "nominalRate", "nominalRatePercent",
            "effectiveRate", "effectiveRatePercent",
            "termMonths", "termMonths",
            "monthlyCost", "monthlyCostOre",
            "validUntil", "validUntil");

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}([.,]\\d{1,12})?");

    private BidForm() {}

    /** What was typed, by field name (the form's own partnerId, if any, is not among them). */
    static Map<String, String> typed(MultiValueMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        FIELDS.forEach(f ->
                typed.put(f.name(), Optional.ofNullable(form.getFirst(f.name())).orElse("")));
        return typed;
    }

    /** {@code PlaceBid}/{@code ReviseBid} for the signed-in partner with the typed terms. */
    static ObjectNode command(String caseId, String partnerId, Map<String, String> typed) {
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        command.put("caseId", caseId);
        command.put("partnerId", partnerId);
        ObjectNode terms = command.putObject("terms");
        for (FormField field : FIELDS) {
            String property = PROPERTIES.get(field.name());
            String value = typed.getOrDefault(field.name(), "").strip();
            switch (field.name()) {
                case "nominalRate", "effectiveRate" -> putDecimal(terms, property, value, 0, "%");
                case "monthlyCost" -> putDecimal(terms, property, value, 2, "kr");
                default -> FormPayload.put(terms, property, field, value);
            }
        }
        return command;
    }

    static ObjectNode withdrawal(String caseId, String partnerId) {
        return JsonNodeFactory.instance.objectNode().put("caseId", caseId).put("partnerId", partnerId);
    }

    /** The form filled with a bid's terms from the partner's document, as a person would type them. */
    static Map<String, String> typedFrom(Object bid) {
        Map<String, String> typed = new LinkedHashMap<>();
        if (!(bid instanceof Map<?, ?> map)) {
            return typed;
        }
        Object terms = map.get("terms") instanceof Map<?, ?> inner ? inner : map;
        Map<?, ?> t = (Map<?, ?>) terms;
        typed.put("amountSek", text(t.get("amountSek")));
        typed.put("nominalRate", text(t.get("nominalRatePercent")).replace('.', ','));
        typed.put("effectiveRate", text(t.get("effectiveRatePercent")).replace('.', ','));
        typed.put("termMonths", text(t.get("termMonths")));
        Object ore = t.get("monthlyCostOre");
        typed.put(
                "monthlyCost",
                ore instanceof Number n
                        ? BigDecimal.valueOf(n.longValue())
                                .movePointLeft(2)
                                .toPlainString()
                                .replace('.', ',')
                        : "");
        typed.put("validUntil", text(t.get("validUntil")));
        return typed;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * A decimal typed with comma or point (and an optional unit), its point moved {@code shift} places right
     * ({@code 2}: kronor to öre): a whole result is put as a whole number, any other as the exact decimal (the
     * schema then refuses a fraction of an öre), and text that is no number as text.
     */
    private static void putDecimal(ObjectNode parent, String name, String typed, int shift, String unit) {
        if (typed.isEmpty()) {
            return;
        }
        String number = FormPayload.withoutSpaces(typed);
        if (number.endsWith(unit)) {
            number = number.substring(0, number.length() - unit.length());
        }
        if (!DECIMAL.matcher(number).matches()) {
            parent.put(name, typed);
            return;
        }
        BigDecimal value = new BigDecimal(number.replace(',', '.')).movePointRight(shift);
        BigDecimal whole = value.stripTrailingZeros();
        if (shift > 0 && whole.scale() <= 0) {
            parent.put(name, whole.longValueExact());
        } else {
            parent.put(name, value);
        }
    }

    /** The gate's answer for the form: violations of {@code /terms/<property>} at the input they came from. */
    static FormErrors errors(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Invalid invalid) {
            List<Violation> atInputs = invalid.violations().stream()
                    .map(v -> new Violation(input(v.pointer()), v.message()))
                    .toList();
            return FormCommands.errors(new CommandOutcome.Invalid(invalid.type(), atInputs), FIELDS);
        }
        if (outcome instanceof CommandOutcome.Refused refused) {
            return new FormErrors(Map.of(FormErrors.FORM, refusal(refused)));
        }
        return FormCommands.errors(outcome, FIELDS);
    }

    private static String input(String pointer) {
        for (Map.Entry<String, String> property : PROPERTIES.entrySet()) {
            if (pointer.equals("/terms/" + property.getValue())) {
                return "/" + property.getKey();
            }
        }
        return pointer;
    }

    /** A rule's refusal in words for a partner. */
    static String refusal(CommandOutcome.Refused refused) {
        return switch (refused.code()) {
            case "bidding-closed" -> "Bidding on this case has closed: no more bids or changes.";
            case "bidding-not-open" -> "Bidding on this case is not open.";
            case "not-invited" -> "This case is not offered to you.";
            case "bid-already-placed" -> "You already have a bid on this case: revise it instead.";
            case "no-live-bid" -> "You have no bid on this case.";
            case "concurrent-change" -> "The case changed at the same moment: send the form again.";
            default -> refused.message();
        };
    }
}
