package se.caseflow.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.web.forms.FormField;
import se.caseflow.web.forms.FormPayload;

/**
 * The case-maker's form for {@code OpenCase}: every field of the command, and how typed text becomes the
 * command's JSON. Nothing is checked here beyond the shape of numbers: the command gate validates, and its
 * violations point at the fields by name.
 */
final class OpenCaseForm {

    static final String CO_APPLICANT = "coApplicant";

    static final List<FormFieldset> FIELDSETS = List.of(
            new FormFieldset("Applicant", null, person("applicant")),
            new FormFieldset(
                    "Co-applicant",
                    "Optional: leave every field empty when there is no co-applicant.",
                    person(CO_APPLICANT)),
            new FormFieldset(
                    "Loan",
                    null,
                    List.of(
                            new FormField(
                                    "loan.amountSek",
                                    "Amount (kr)",
                                    "number",
                                    List.of(),
                                    true,
                                    null,
                                    "5 000 to 800 000 kr"),
                            new FormField(
                                    "loan.termMonths",
                                    "Term (months)",
                                    "number",
                                    List.of(),
                                    true,
                                    null,
                                    "12 to 240 months"),
                            FormField.select("loan.purpose", "Purpose", names(LoanPurpose.values())))),
            new FormFieldset(
                    "Income",
                    null,
                    List.of(
                            new FormField(
                                    "income.monthlyGrossSek",
                                    "Monthly gross income (kr)",
                                    "number",
                                    List.of(),
                                    true,
                                    null,
                                    null),
                            FormField.select("income.employmentType", "Employment", names(EmploymentType.values())))));

    static final List<FormField> FIELDS =
            FIELDSETS.stream().flatMap(set -> set.fields().stream()).toList();

    private OpenCaseForm() {}

    private static List<FormField> person(String prefix) {
        return List.of(
                FormField.text(prefix + ".personalNumber", "Personnummer", "off")
                        .withHint("ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN"),
                FormField.text(prefix + ".firstName", "First name", "given-name"),
                FormField.text(prefix + ".lastName", "Last name", "family-name"),
                FormField.text(prefix + ".mobilePhone", "Mobile phone", "tel").withInput("tel"),
                FormField.text(prefix + ".email", "E-mail", "email").withInput("email"),
                FormField.text(prefix + ".address.street", "Street", "street-address"),
                FormField.text(prefix + ".address.postalCode", "Postcode", "postal-code"),
                FormField.text(prefix + ".address.city", "City", "address-level2"),
                FormField.text(prefix + ".address.careOf", "c/o", "off").optional());
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /**
     * The command as typed: blank inputs are left out (the gate names a missing required one), whole numbers
     * become numbers (spaces allowed: {@code 150 000}), anything else stays text for the gate to refuse, and
     * the co-applicant is left out when all of its inputs are blank.
     */
    static ObjectNode payload(Map<String, String> typed) {
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        boolean coApplicant = FIELDS.stream()
                .filter(f -> f.name().startsWith(CO_APPLICANT + "."))
                .anyMatch(f -> !typed.getOrDefault(f.name(), "").isBlank());
        for (FormField field : FIELDS) {
            if (!coApplicant && field.name().startsWith(CO_APPLICANT + ".")) {
                continue;
            }
            String[] path = field.name().split("\\.");
            ObjectNode parent = command;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            FormPayload.put(parent, path[path.length - 1], field, typed.get(field.name()));
        }
        return command;
    }

    /** Every field's name, for picking the typed values out of a form post. */
    static Stream<String> names() {
        return FIELDS.stream().map(FormField::name);
    }
}
